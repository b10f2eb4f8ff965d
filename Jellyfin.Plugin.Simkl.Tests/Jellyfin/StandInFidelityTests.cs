using System.Runtime.CompilerServices;
using Jellyfin.Data.Enums;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Common.Api;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Entities;
using MediaBrowser.Model.Tasks;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

/// <summary>
/// Facts about Jellyfin 10.11 that the plugin compiles in. A stand-in that got them wrong would build and pass
/// every other test, then read the wrong ids or reject every request on a real server.
/// </summary>
public sealed class StandInFidelityTests
{
    [Theory]
    [InlineData(MetadataProvider.Custom, 0)]
    [InlineData(MetadataProvider.Imdb, 2)]
    [InlineData(MetadataProvider.Tmdb, 3)]
    [InlineData(MetadataProvider.Tvdb, 4)]
    [InlineData(MetadataProvider.Tvcom, 5)]
    [InlineData(MetadataProvider.TmdbCollection, 7)]
    [InlineData(MetadataProvider.Zap2It, 12)]
    [InlineData(MetadataProvider.TvRage, 15)]
    [InlineData(MetadataProvider.TvMaze, 19)]
    public void Metadata_provider_numbers_are_the_servers(MetadataProvider provider, int expected)
        => Assert.Equal(expected, (int)provider);

    [Theory]
    [InlineData(UserDataSaveReason.PlaybackStart, 1)]
    [InlineData(UserDataSaveReason.PlaybackProgress, 2)]
    [InlineData(UserDataSaveReason.PlaybackFinished, 3)]
    [InlineData(UserDataSaveReason.TogglePlayed, 4)]
    [InlineData(UserDataSaveReason.UpdateUserRating, 5)]
    [InlineData(UserDataSaveReason.Import, 6)]
    [InlineData(UserDataSaveReason.UpdateUserData, 7)]
    public void User_data_save_reasons_are_the_servers(UserDataSaveReason reason, int expected)
        => Assert.Equal(expected, (int)reason);

    [Theory]
    [InlineData(BaseItemKind.AggregateFolder, 0)]
    [InlineData(BaseItemKind.Episode, 9)]
    [InlineData(BaseItemKind.Movie, 13)]
    [InlineData(BaseItemKind.Season, 27)]
    [InlineData(BaseItemKind.Series, 28)]
    [InlineData(BaseItemKind.Year, 36)]
    public void Item_kinds_are_numbered_as_on_the_server(BaseItemKind kind, int expected)
        => Assert.Equal(expected, (int)kind);

    [Theory]
    [InlineData(TaskTriggerInfoType.DailyTrigger, 0)]
    [InlineData(TaskTriggerInfoType.WeeklyTrigger, 1)]
    [InlineData(TaskTriggerInfoType.IntervalTrigger, 2)]
    [InlineData(TaskTriggerInfoType.StartupTrigger, 3)]
    public void Task_trigger_types_are_the_servers(TaskTriggerInfoType type, int expected)
        => Assert.Equal(expected, (int)type);

    [Fact]
    public void A_user_data_key_is_required_as_on_the_server()
        => Assert.True(typeof(UserItemData).GetProperty(nameof(UserItemData.Key))!.IsDefined(typeof(RequiredMemberAttribute), false));

    [Fact]
    public void The_administrator_policy_name_is_the_servers() => Assert.Equal("RequiresElevation", Policies.RequiresElevation);

    [Fact]
    public void Stand_in_assemblies_claim_no_version_above_the_oldest_supported_server()
    {
        foreach (var type in new[] { typeof(BaseItem), typeof(MetadataProvider), typeof(Policies), typeof(User), typeof(BaseItemKind) })
        {
            Assert.Equal(new System.Version(10, 11, 0, 0), type.Assembly.GetName().Version);
        }
    }

    [Fact]
    public void Types_live_in_the_assemblies_the_server_loads_them_from()
    {
        Assert.Equal("MediaBrowser.Controller", typeof(Episode).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Controller", typeof(SessionInfo).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Common", typeof(Policies).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Model", typeof(MetadataProvider).Assembly.GetName().Name);
        Assert.Equal("Jellyfin.Database.Implementations", typeof(User).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Controller", typeof(IUserDataManager).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Controller", typeof(UserItemData).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Controller", typeof(InternalItemsQuery).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Controller", typeof(UserDataSaveEventArgs).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Model", typeof(UserDataSaveReason).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Model", typeof(IScheduledTask).Assembly.GetName().Name);
        Assert.Equal("MediaBrowser.Model", typeof(TaskTriggerInfo).Assembly.GetName().Name);
        Assert.Equal("Jellyfin.Data", typeof(BaseItemKind).Assembly.GetName().Name);
    }

    [Fact]
    public void Series_is_a_folder_and_movies_and_episodes_are_videos()
    {
        Assert.True(typeof(Folder).IsAssignableFrom(typeof(Series)));
        Assert.False(typeof(Video).IsAssignableFrom(typeof(Series)));
        Assert.True(typeof(Video).IsAssignableFrom(typeof(Movie)));
        Assert.True(typeof(Video).IsAssignableFrom(typeof(Episode)));
    }

    [Fact]
    public void Provider_ids_are_read_case_insensitively_and_empty_values_count_as_missing()
    {
        var movie = new Movie();
        movie.SetProviderId(MetadataProvider.Imdb, "tt0111161");
        movie.ProviderIds["Tmdb"] = string.Empty;

        Assert.Equal("tt0111161", movie.GetProviderId("imdb"));
        Assert.False(movie.TryGetProviderId(MetadataProvider.Tmdb, out _));
    }
}
