using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

public sealed class MovieTrackingTests : IAsyncLifetime
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private TrackingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_full_movie_is_announced_once_and_recorded_once_with_all_its_ids()
    {
        var inception = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"), ("tmdb", "27205"));
        var movie = _harness.AddMovie("Inception", 2010, TimeSpan.FromMinutes(148), (MetadataProvider.Imdb, "tt1375666"), (MetadataProvider.Tmdb, "27205"));
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        await _harness.WatchToTheEndAsync(session, movie, alice);

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/stop"], scrobbles.Select(r => r.Path));
        var start = JsonNode.Parse(scrobbles[0].Body)!;
        Assert.Equal("Inception", start["movie"]!["title"]!.GetValue<string>());
        Assert.Equal(2010, start["movie"]!["year"]!.GetValue<int>());
        Assert.Equal("tt1375666", start["movie"]!["ids"]!["imdb"]!.GetValue<string>());
        Assert.Equal(27205, start["movie"]!["ids"]!["tmdb"]!.GetValue<long>());
        Assert.InRange(start["progress"]!.GetValue<double>(), 0.1, 1);
        Assert.Equal(100, JsonNode.Parse(scrobbles[1].Body)!["progress"]!.GetValue<double>());
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal(inception.SimklId, watch.SimklId);
        Assert.Equal("scrobble", watch.Via);
        Assert.Empty(await _harness.OutboxAsync());
    }

    [Fact]
    public async Task Two_hours_of_automated_progress_cost_a_handful_of_calls_not_thousands()
    {
        var movie = _harness.AddMovieKnownToSimkl("Long", 2020, TimeSpan.FromHours(2.5), "tt0000100");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        await _harness.WatchUntilAsync(session, movie, TwoHours, alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Equal(80, JsonNode.Parse(_harness.Scrobbles()[1].Body)!["progress"]!.GetValue<double>());
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task Pause_and_resume_send_pause_then_start_with_the_position()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.Zero, TimeSpan.FromMinutes(10), alice);
        await _harness.PauseAsync(session, movie, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), alice);
        await _harness.PlayAsync(session, movie, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(30), alice);
        await _harness.FinishAsync();

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/pause", "/scrobble/start", "/scrobble/stop"], scrobbles.Select(r => r.Path));
        Assert.Equal(10, JsonNode.Parse(scrobbles[1].Body)!["progress"]!.GetValue<double>());
        Assert.Equal(10, JsonNode.Parse(scrobbles[2].Body)!["progress"]!.GetValue<double>());
        Assert.Equal(30, JsonNode.Parse(scrobbles[3].Body)!["progress"]!.GetValue<double>());
        Assert.Empty(_harness.Simkl.History);
        Assert.True(_harness.Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_seek_sends_the_new_progress_once_the_position_settles()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.Zero, TimeSpan.FromMinutes(5), alice);

        // Scrubbing: three jumps in a row, then normal playback from 50 minutes.
        _harness.Progress(session, movie, TimeSpan.FromMinutes(20), users: alice);
        _harness.Progress(session, movie, TimeSpan.FromMinutes(40), users: alice);
        _harness.Progress(session, movie, TimeSpan.FromMinutes(50), users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(2), alice);
        await _harness.FinishAsync();

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/start"], scrobbles.Select(r => r.Path));
        Assert.InRange(JsonNode.Parse(scrobbles[1].Body)!["progress"]!.GetValue<double>(), 50, 51);
    }

    [Fact]
    public async Task Zapping_through_items_sends_nothing()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        for (var i = 0; i < 20; i++)
        {
            var movie = _harness.AddMovieKnownToSimkl("Zap " + i, 2000 + i, TimeSpan.FromMinutes(90), "tt10000" + i);
            await _harness.WatchUntilAsync(session, movie, TimeSpan.FromSeconds(8), alice);
        }

        await _harness.FinishAsync();

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task A_stop_that_arrives_twice_is_sent_once()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(10), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.Zero, TimeSpan.FromMinutes(9), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(9), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(9), alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task Progress_without_a_start_is_tracked_from_the_first_event_seen()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        // The server restarted mid-movie (or the plugin subscribed late): the first thing seen is progress at 60 %.
        await _harness.PlayAsync(session, movie, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(30), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(90), alice);
        await _harness.FinishAsync();

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/stop"], scrobbles.Select(r => r.Path));
        Assert.InRange(JsonNode.Parse(scrobbles[0].Body)!["progress"]!.GetValue<double>(), 60, 61);
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_playback_joined_mid_film_that_ends_seconds_later_is_still_recorded()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        // The plugin restarted during the last minutes of the film: it sees 10 s of progress, then the stop. Whether the
        // playback began before the restart is only known at the stop (no start of its own ever came), so Simkl hears
        // just the stop, which records the watch.
        await _harness.PlayAsync(session, movie, TimeSpan.FromMinutes(95), TimeSpan.FromSeconds(10), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(95) + TimeSpan.FromSeconds(10), alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_vanished_client_is_stopped_at_its_last_known_position_when_the_server_reaps_it()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.Zero, TimeSpan.FromMinutes(40), alice);

        // The client went away; the session reaper stops the playback minutes later without a position.
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        _harness.Stop(session, movie, null, alice);
        await _harness.FinishAsync();

        var stop = _harness.Scrobbles()[^1];
        Assert.Equal("/scrobble/stop", stop.Path);
        Assert.InRange(JsonNode.Parse(stop.Body)!["progress"]!.GetValue<double>(), 40, 44);
        Assert.Empty(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_vanished_client_is_not_marked_watched_by_the_minutes_the_servers_own_timer_made_up()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, movie, TimeSpan.Zero, TimeSpan.FromMinutes(75), alice);

        // The phone died at 75 %. Jellyfin's 1 Hz timer keeps moving the position on until its idle check reaps the
        // session 5 to 10 minutes later, and the reaper's stop carries that made-up position (83 %).
        await _harness.ServerTicksOnAsync(session, movie, TimeSpan.FromMinutes(75), TimeSpan.FromMinutes(8), alice);
        _harness.Stop(session, movie, TimeSpan.FromMinutes(83), alice);
        await _harness.FinishAsync();

        var stop = _harness.Scrobbles()[^1];
        Assert.Equal("/scrobble/stop", stop.Path);
        Assert.InRange(JsonNode.Parse(stop.Body)!["progress"]!.GetValue<double>(), 74.8, 75);
        Assert.Empty(_harness.Simkl.History);
        Assert.Empty(await _harness.OutboxAsync());
    }
}
