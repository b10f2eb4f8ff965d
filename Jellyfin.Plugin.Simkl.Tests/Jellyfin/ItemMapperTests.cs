using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

public sealed class ItemMapperTests
{
    private static readonly long Hour = TimeSpan.FromHours(1).Ticks;
    private readonly ILibraryManager _library = Substitute.For<ILibraryManager>();
    private readonly Folder _movies = new() { Id = Guid.NewGuid() };

    public ItemMapperTests() => _library.GetCollectionFolders(Arg.Any<BaseItem>()).Returns([_movies]);

    private ItemMapper Mapper => new(_library);

    [Fact]
    public void A_movie_keeps_its_title_year_runtime_library_and_every_id()
    {
        var movie = new Movie { Id = Guid.NewGuid(), Name = "Inception", ProductionYear = 2010, RunTimeTicks = Hour, Path = "/m/Inception.mkv" };
        movie.SetProviderId(MetadataProvider.Imdb, "tt1375666");
        movie.SetProviderId(MetadataProvider.Tmdb, "27205");
        movie.SetProviderId(MetadataProvider.Tvdb, "123");
        movie.SetProviderId("AniList", "99");

        var item = Mapper.Map(movie).Item!;

        Assert.Equal(TrackedMediaKind.Movie, item.Kind);
        Assert.Equal(("Inception", 2010), (item.Title, item.Year));
        Assert.Equal(TimeSpan.FromHours(1), item.Runtime);
        Assert.Equal([_movies.Id], item.LibraryIds);
        Assert.Equal(("tt1375666", "27205", "123", "99"), (item.Ids["imdb"], item.Ids["tmdb"], item.Ids["tvdb"], item.Ids["anilist"]));
        Assert.True(item.HasAnimeIds);
    }

    [Fact]
    public void An_episode_carries_its_series_ids_and_title_never_its_own()
    {
        var series = new Series { Id = Guid.NewGuid(), Name = "Breaking Bad", ProductionYear = 2008 };
        series.SetProviderId(MetadataProvider.Tvdb, "81189");
        var episode = new Episode { Id = Guid.NewGuid(), SeriesId = series.Id, SeriesName = "Breaking Bad", ParentIndexNumber = 2, IndexNumber = 7, RunTimeTicks = Hour, Path = "/s/e.mkv" };
        episode.SetProviderId(MetadataProvider.Tvdb, "349232");
        episode.SetProviderId(MetadataProvider.Imdb, "tt1232249");
        _library.GetItemById(series.Id).Returns(series);

        var item = Mapper.Map(episode).Item!;

        Assert.Equal(TrackedMediaKind.Episode, item.Kind);
        Assert.Equal(("Breaking Bad", 2008, 2, 7), (item.Title, item.Year, item.Season, item.Episode));
        Assert.Equal("81189", item.Ids["tvdb"]);
        Assert.Null(item.Ids["imdb"]);
        Assert.Equal("Breaking Bad S02E07", item.DisplayName);
    }

    [Fact]
    public void An_episode_whose_series_cannot_be_found_has_no_ids_so_its_file_is_searched()
    {
        var episode = new Episode { Id = Guid.NewGuid(), SeriesId = Guid.NewGuid(), SeriesName = "Lost Show", ParentIndexNumber = 1, IndexNumber = 1, RunTimeTicks = Hour, Path = "/s/x.mkv" };
        episode.SetProviderId(MetadataProvider.Tvdb, "555");

        var item = Mapper.Map(episode).Item!;

        Assert.True(item.Ids.IsEmpty);
        Assert.Equal("Lost Show", item.Title);
    }

    [Fact]
    public void A_multi_episode_file_reports_its_range_and_a_special_its_season_0()
    {
        var series = new Series { Id = Guid.NewGuid(), Name = "Futurama" };
        _library.GetItemById(series.Id).Returns(series);
        var pair = new Episode { Id = Guid.NewGuid(), SeriesId = series.Id, ParentIndexNumber = 1, IndexNumber = 1, IndexNumberEnd = 2, RunTimeTicks = Hour, Path = "/f" };
        var special = new Episode { Id = Guid.NewGuid(), SeriesId = series.Id, ParentIndexNumber = 0, IndexNumber = 4, RunTimeTicks = Hour, Path = "/g" };

        var pairItem = Mapper.Map(pair).Item!;
        var specialItem = Mapper.Map(special).Item!;

        Assert.Equal((1, 2, 2), (pairItem.Episode, pairItem.LastEpisode, pairItem.EpisodeCount));
        Assert.Equal((0, 4), (specialItem.Season, specialItem.Episode));
    }

    public static IEnumerable<object[]> ItemsNotTracked()
    {
        yield return [new Movie { Id = Guid.NewGuid(), Name = "No runtime", Path = "/a" }, "runtime"];
        yield return [new Movie { Id = Guid.NewGuid(), Name = "Trailer", RunTimeTicks = Hour, ExtraType = ExtraType.Trailer, Path = "/b" }, "extra"];
        yield return [new Movie { Id = Guid.NewGuid(), Name = "Behind the scenes", RunTimeTicks = Hour, ExtraType = ExtraType.BehindTheScenes, Path = "/c" }, "extra"];
        yield return [new Video { Id = Guid.NewGuid(), Name = "Home video", RunTimeTicks = Hour, Path = "/d" }, "only movies and episodes"];
        yield return [new Folder { Id = Guid.NewGuid(), Name = "A folder" }, "only movies and episodes"];
        yield return [new Movie { Id = Guid.NewGuid(), Name = "Recording", RunTimeTicks = Hour, ChannelId = Guid.NewGuid(), Path = "/e" }, "live TV"];
        yield return [new Episode { Id = Guid.NewGuid(), Name = "Missing", RunTimeTicks = Hour }, "missing"];
        yield return [new Movie { Id = Guid.NewGuid(), Name = "Virtual", RunTimeTicks = Hour, IsVirtualItem = true, Path = "/f" }, "missing"];
    }

    [Theory]
    [MemberData(nameof(ItemsNotTracked))]
    public void Items_simkl_does_not_track_are_refused_with_a_reason(BaseItem item, string reason)
    {
        var mapping = Mapper.Map(item);

        Assert.Null(mapping.Item);
        Assert.Contains(reason, mapping.NotTrackedBecause, StringComparison.Ordinal);
    }
}
