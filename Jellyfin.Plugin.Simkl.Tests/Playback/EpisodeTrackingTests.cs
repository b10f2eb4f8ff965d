using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

public sealed class EpisodeTrackingTests : IAsyncLifetime
{
    private static readonly TimeSpan Runtime = TimeSpan.FromMinutes(45);
    private TrackingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_episode_is_sent_as_its_show_with_season_and_number_never_with_its_own_ids()
    {
        var breakingBad = _harness.Simkl.AddShow("Breaking Bad", 2008, ("tvdb", "81189"));
        var series = _harness.AddSeries("Breaking Bad", 2008, null, ("Tvdb", "81189"), ("Imdb", "tt0903747"));
        var episode = _harness.AddEpisode(series, 2, 7, Runtime);
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        var start = JsonNode.Parse(_harness.Scrobbles()[0].Body)!;
        Assert.Null(start["movie"]);
        Assert.Equal("Breaking Bad", start["show"]!["title"]!.GetValue<string>());
        Assert.Equal(2008, start["show"]!["year"]!.GetValue<int>());
        Assert.Equal(81189, start["show"]!["ids"]!["tvdb"]!.GetValue<long>());
        Assert.Equal("tt0903747", start["show"]!["ids"]!["imdb"]!.GetValue<string>());
        Assert.Equal(2, start["episode"]!["season"]!.GetValue<int>());
        Assert.Equal(7, start["episode"]!["number"]!.GetValue<int>());
        Assert.Null(start["episode"]!["ids"]);
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal((breakingBad.SimklId, 2, 7), (watch.SimklId, watch.Season, watch.Episode));
    }

    [Fact]
    public async Task A_special_is_season_0()
    {
        var series = _harness.AddSeriesKnownToSimkl("Doctor Who", 2005, "78804");
        var special = _harness.AddEpisode(series, 0, 3, Runtime);
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, special);

        var start = JsonNode.Parse(_harness.Scrobbles()[0].Body)!;
        Assert.Equal(0, start["episode"]!["season"]!.GetValue<int>());
        Assert.Equal((0, 3), (_harness.Simkl.History[0].Season, _harness.Simkl.History[0].Episode));
    }

    [Fact]
    public async Task An_anime_series_with_anidb_ids_is_sent_as_anime_with_those_ids()
    {
        var frieren = _harness.Simkl.AddAnime("Frieren", 2023, ("anidb", "17617"));
        var series = _harness.AddSeries("Frieren", 2023, null, ("AniDB", "17617"), ("AniList", "154587"));
        var episode = _harness.AddEpisode(series, 1, 5, TimeSpan.FromMinutes(24));
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        var start = JsonNode.Parse(_harness.Scrobbles()[0].Body)!;
        Assert.Null(start["show"]);
        Assert.Equal(17617, start["anime"]!["ids"]!["anidb"]!.GetValue<long>());
        Assert.Equal(154587, start["anime"]!["ids"]!["anilist"]!.GetValue<long>());
        Assert.Equal(5, start["episode"]!["number"]!.GetValue<int>());
        Assert.Equal(frieren.SimklId, Assert.Single(_harness.Simkl.History).SimklId);
    }

    [Fact]
    public async Task A_series_in_a_library_the_user_marked_as_anime_is_sent_as_anime()
    {
        _harness.Simkl.AddAnime("Mushishi", 2005, ("tvdb", "79727"));
        var series = _harness.AddSeries("Mushishi", 2005, _harness.AnimeLibrary, ("Tvdb", "79727"));
        var episode = _harness.AddEpisode(series, 1, 2, TimeSpan.FromMinutes(24));
        var alice = await _harness.AddLinkedUserAsync("alice");
        _harness.SetOptions(alice, o => o.AnimeLibraryIds = [_harness.AnimeLibrary.Id]);

        await _harness.WatchToTheEndAsync(alice, episode);

        var start = JsonNode.Parse(_harness.Scrobbles()[0].Body)!;
        Assert.Equal(79727, start["anime"]!["ids"]!["tvdb"]!.GetValue<long>());
        Assert.Equal((1, 2), (start["episode"]!["season"]!.GetValue<int>(), start["episode"]!["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_multi_episode_file_follows_the_episode_being_watched_and_records_all_of_them_once()
    {
        var series = _harness.AddSeriesKnownToSimkl("Futurama", 1999, "73871");
        var file = _harness.AddEpisode(series, 1, 1, TimeSpan.FromMinutes(44), lastNumber: 2);
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        await _harness.WatchToTheEndAsync(session, file, alice);

        var scrobbles = _harness.Scrobbles().Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(1, scrobbles[0]["episode"]!["number"]!.GetValue<int>());
        Assert.Equal(2, scrobbles[1]["episode"]!["number"]!.GetValue<int>());
        Assert.Equal(100, scrobbles[^1]["progress"]!.GetValue<double>());
        Assert.Equal([1, 2], _harness.Simkl.History.Select(h => h.Episode!.Value).Order());
        Assert.All(_harness.Simkl.History, h => Assert.Equal(1, h.Season));
        Assert.Equal(0, _harness.Simkl.CountRecordedTwice());
    }

    [Fact]
    public async Task An_item_without_ids_is_matched_by_its_file_path_and_scrobbled_with_the_simkl_id()
    {
        var office = _harness.Simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        var series = _harness.AddSeries("The Office", 2005);
        var episode = _harness.AddEpisode(series, 4, 1, TimeSpan.FromMinutes(22), path: "/media/shows/The Office/Season 04/The Office S04E01.mkv");
        _harness.Simkl.AddFile(office, "The Office S04E01.mkv");
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        var requests = _harness.Simkl.Requests.Select(r => r.Path).ToList();
        Assert.Equal(["/search/file", "/scrobble/start", "/scrobble/stop"], requests);
        Assert.Contains("/media/shows/The Office/Season 04/The Office S04E01.mkv", _harness.Simkl.Requests[0].Body, StringComparison.Ordinal);
        var start = JsonNode.Parse(_harness.Scrobbles()[0].Body)!;
        Assert.Equal(office.SimklId, start["show"]!["ids"]!["simkl"]!.GetValue<long>());
        Assert.Equal((4, 1), (start["episode"]!["season"]!.GetValue<int>(), start["episode"]!["number"]!.GetValue<int>()));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task An_id_simkl_rejects_is_resolved_once_by_file_and_the_call_sent_again()
    {
        var show = _harness.Simkl.AddShow("Severance", 2022, ("tvdb", "371980"));
        _harness.Simkl.AddFile(show, "Severance S01E01.mkv");
        var series = _harness.AddSeries("Severance", 2022, null, ("Tvdb", "999999"));
        var episode = _harness.AddEpisode(series, 1, 1, TimeSpan.FromMinutes(50), path: "/media/shows/Severance/Season 01/Severance S01E01.mkv");
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        var requests = _harness.Simkl.Requests.Select(r => (r.Path, r.Status)).ToList();
        Assert.True(requests.Count == 4, string.Join(", ", requests));
        Assert.Equal(("/scrobble/start", 404), requests[0]);
        Assert.Equal(("/search/file", 200), requests[1]);
        Assert.Equal(("/scrobble/start", 200), requests[2]);
        Assert.Equal(("/scrobble/stop", 200), requests[3]);
        Assert.Equal(1, requests.Count(r => r.Path == "/search/file"));
        Assert.Equal(show.SimklId, Assert.Single(_harness.Simkl.History).SimklId);
    }

    [Fact]
    public async Task A_file_simkl_does_not_know_is_looked_up_once_and_not_again_for_the_next_playback()
    {
        var series = _harness.AddSeries("Home Movies Of Mine", 2001);
        var episode = _harness.AddEpisode(series, 1, 1, TimeSpan.FromMinutes(30));
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);
        await _harness.WatchToTheEndAsync(alice, episode);

        Assert.Equal(["/search/file"], _harness.Simkl.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Two_devices_of_one_user_are_two_playbacks_and_the_accounts_writes_stay_20_seconds_apart()
    {
        var series = _harness.AddSeriesKnownToSimkl("Show A", 2010, "1001");
        var episode = _harness.AddEpisode(series, 1, 1, TimeSpan.FromMinutes(20));
        var movie = _harness.AddMovieKnownToSimkl("Movie B", 2011, TimeSpan.FromMinutes(20), "tt1001");
        var alice = await _harness.AddLinkedUserAsync("alice");
        var tv = _harness.Session(alice, "living-room-tv");
        var phone = _harness.Session(alice, "phone");

        _harness.Start(tv, episode, TimeSpan.Zero, users: alice);
        _harness.Start(phone, movie, TimeSpan.Zero, users: alice);
        for (var second = 1; second <= 20 * 60; second++)
        {
            await _harness.TickAsync();
            _harness.Progress(tv, episode, TimeSpan.FromSeconds(second), users: alice);
            _harness.Progress(phone, movie, TimeSpan.FromSeconds(second), users: alice);
            if (second % 10 == 0)
            {
                await _harness.Time.SettleAsync();
            }
        }

        _harness.Stop(tv, episode, TimeSpan.FromMinutes(20), alice);
        _harness.Stop(phone, movie, TimeSpan.FromMinutes(20), alice);
        await _harness.FinishAsync();

        Assert.Equal(4, _harness.Scrobbles().Count);
        Assert.Equal(2, _harness.Simkl.History.Count);
        Assert.Equal(0, _harness.Simkl.LockViolations);
        Assert.True(_harness.Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20));
    }
}
