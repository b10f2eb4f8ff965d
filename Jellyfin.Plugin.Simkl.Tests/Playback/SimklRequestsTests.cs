using System;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>How a resolved item is described to Simkl, in a scrobble and in a history entry.</summary>
public sealed class SimklRequestsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);
    private static readonly SimklMediaObject Heat = new("Heat", 1995, SimklIds.Of(("imdb", "tt0113277")));
    private static readonly SimklMediaObject Frieren = new("Frieren", 2023, SimklIds.Of(("mal", "52991")));

    [Fact]
    public void A_movie_scrobble_is_the_movie_alone()
        => Assert.Equal(new ScrobbleRequest(42.5, Movie: Heat), SimklRequests.Scrobble(new SimklMedia(SimklMediaKind.Movie, Heat, 1, 2), 2, 42.5));

    [Fact]
    public void An_episode_scrobble_names_the_episode_playing_now_or_the_items_own()
    {
        var media = new SimklMedia(SimklMediaKind.Show, Frieren, 1, 5, 6);

        Assert.Equal(new ScrobbleRequest(10, Show: Frieren, Episode: new SimklEpisodeNumber(1, 6)), SimklRequests.Scrobble(media, 6, 10));
        Assert.Equal(new ScrobbleRequest(10, Show: Frieren, Episode: new SimklEpisodeNumber(1, 5)), SimklRequests.Scrobble(media, null, 10));
        Assert.Equal(new ScrobbleRequest(10, Anime: Frieren, Episode: new SimklEpisodeNumber(null, 5)), SimklRequests.Scrobble(media with { Kind = SimklMediaKind.Anime, Season = null }, null, 10));
    }

    [Fact]
    public void An_episode_scrobble_without_any_number_carries_no_episode()
        => Assert.Null(SimklRequests.Scrobble(new SimklMedia(SimklMediaKind.Show, Frieren), null, 10).Episode);

    [Fact]
    public void A_movie_in_history_is_the_movie_at_its_time()
    {
        var request = SimklRequests.History(new SimklMedia(SimklMediaKind.Movie, Heat), [], At);

        Assert.Equal([new HistoryMovie("Heat", 1995, Heat.Ids, At)], request.Movies);
        Assert.Empty(request.Shows);
    }

    [Theory]
    [InlineData(SimklMediaKind.Show, 2, true)]
    [InlineData(SimklMediaKind.Show, 1, true)]
    [InlineData(SimklMediaKind.Anime, 2, true)]
    [InlineData(SimklMediaKind.Anime, 1, false)]
    [InlineData(SimklMediaKind.Show, null, false)]
    public void Episodes_in_history_travel_inside_their_show_by_season_or_flat(object kind, int? season, bool bySeason)
    {
        var request = SimklRequests.History(new SimklMedia((SimklMediaKind)kind, Frieren, season, 3), [3, 4], At);

        var show = Assert.Single(request.Shows);
        Assert.Empty(request.Movies);
        Assert.Equal((Frieren.Title, Frieren.Year, Frieren.Ids), (show.Title, show.Year, show.Ids));
        HistoryEpisode[] episodes = [new(3, At), new(4, At)];
        if (bySeason)
        {
            var inSeason = Assert.Single(show.Seasons!);
            Assert.Equal(season, inSeason.Number);
            Assert.Equal(episodes, inSeason.Episodes);
            Assert.Null(show.Episodes);
        }
        else
        {
            Assert.Equal(episodes, show.Episodes!);
            Assert.Null(show.Seasons);
        }
    }
}
