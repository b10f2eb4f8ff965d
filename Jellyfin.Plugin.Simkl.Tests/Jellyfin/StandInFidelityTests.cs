using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Common.Api;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Entities;

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

    [Fact]
    public void The_administrator_policy_name_is_the_servers() => Assert.Equal("RequiresElevation", Policies.RequiresElevation);

    [Fact]
    public void Stand_in_assemblies_claim_no_version_above_the_oldest_supported_server()
    {
        foreach (var type in new[] { typeof(BaseItem), typeof(MetadataProvider), typeof(Policies), typeof(User) })
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
