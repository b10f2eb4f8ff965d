using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>
/// Jellyfin's real event order (SessionManager, v10.11.11): PlaybackStart and PlaybackStopped are queued on the thread
/// pool, PlaybackProgress is raised at once on the client's request thread or the session's 1 Hz timer. So a progress
/// can reach the plugin before its start and after its stop, and handlers run concurrently.
/// </summary>
public sealed class EventOrderTests : IAsyncLifetime
{
    private static readonly TimeSpan Runtime = TimeSpan.FromMinutes(100);
    private TrackingHarness _harness = null!;
    private BaseItem _movie = null!;

    public async Task InitializeAsync()
    {
        _harness = await TrackingHarness.StartAsync();
        _movie = _harness.AddMovieKnownToSimkl("Heat", 1995, Runtime, "tt0113277");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_progress_that_arrives_before_its_start_is_tracked_as_one_playback()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        _harness.Progress(session, _movie, TimeSpan.FromSeconds(1), users: alice);
        _harness.ReleaseQueuedEvents();
        await _harness.PlayAsync(session, _movie, TimeSpan.FromSeconds(1), Runtime, alice);
        _harness.Stop(session, _movie, Runtime, alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_resumed_item_whose_first_progress_beats_its_start_still_has_to_play_20_seconds()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        // Resumed at 60 minutes and zapped away after 5 seconds; the first progress overtook the queued start.
        var resumeAt = TimeSpan.FromMinutes(60);
        _harness.Start(session, _movie, resumeAt, users: alice);
        _harness.Progress(session, _movie, resumeAt + TimeSpan.FromSeconds(1), users: alice);
        _harness.ReleaseQueuedEvents();
        await _harness.PlayAsync(session, _movie, resumeAt + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), alice);
        _harness.Stop(session, _movie, resumeAt + TimeSpan.FromSeconds(5), alice);
        await _harness.FinishAsync();

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task A_progress_after_the_stop_never_revives_a_finished_playback()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        _harness.ReleaseQueuedEvents();
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromMinutes(95), alice);
        _harness.Stop(session, _movie, TimeSpan.FromMinutes(95), alice);
        _harness.ReleaseQueuedEvents();
        await _harness.Time.SettleAsync();

        // The client's last progress report was still on its way. Jellyfin takes it after the stop, marks the item
        // playing again and restarts its 1 Hz timer, until the idle check reaps the session minutes later.
        var late = TimeSpan.FromMinutes(95) + TimeSpan.FromSeconds(1);
        _harness.Progress(session, _movie, late, users: alice);
        await _harness.ServerTicksOnAsync(session, _movie, late, TimeSpan.FromMinutes(8), alice);
        _harness.Stop(session, _movie, Runtime, alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_stop_overtaken_by_the_last_progress_is_sent_once_with_its_own_position()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        _harness.ReleaseQueuedEvents();
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromMinutes(90), alice);
        _harness.Stop(session, _movie, TimeSpan.FromMinutes(90), alice);
        _harness.Progress(session, _movie, TimeSpan.FromMinutes(90), users: alice);
        _harness.ReleaseQueuedEvents();
        await _harness.FinishAsync();

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/stop"], scrobbles.Select(r => r.Path));
        Assert.Equal(90, JsonNode.Parse(scrobbles[1].Body)!["progress"]!.GetValue<double>());
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_start_that_runs_after_its_own_stop_sends_nothing()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromSeconds(6), alice);
        _harness.Stop(session, _movie, TimeSpan.FromSeconds(6), alice);
        _harness.ReleaseQueuedEvents(newestFirst: true);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        await _harness.FinishAsync();

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_zap_whose_queued_stop_reaches_the_plugin_late_sends_nothing(bool startLateToo)
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        // 8 seconds of playing, but a busy thread pool hands over the stop (and maybe the start) 30 seconds later: the
        // wait is not time spent watching.
        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        if (!startLateToo)
        {
            _harness.ReleaseQueuedEvents();
        }

        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromSeconds(8), alice);
        _harness.Stop(session, _movie, TimeSpan.FromSeconds(8), alice);
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        _harness.ReleaseQueuedEvents();
        await _harness.FinishAsync();

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task A_start_queued_behind_25_seconds_of_progress_neither_rewinds_nor_delays_the_playback()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.EventOrder = ServerEventOrder.Held;

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromSeconds(25), alice);
        _harness.ReleaseQueuedEvents();
        await _harness.PlayAsync(session, _movie, TimeSpan.FromSeconds(25), TimeSpan.FromMinutes(5), alice);
        _harness.Stop(session, _movie, TimeSpan.FromSeconds(25) + TimeSpan.FromMinutes(5), alice);
        await _harness.FinishAsync();

        // Begun after 20 s of playing, from the progress alone; the late start (at position 0) is no seek back.
        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
    }

    [Fact]
    public async Task A_rewatch_right_after_a_stop_is_a_new_playback()
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        await _harness.WatchUntilAsync(session, _movie, TimeSpan.FromMinutes(10), alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), alice);
        await _harness.WatchToTheEndAsync(session, _movie, alice);

        Assert.Equal(["/scrobble/start", "/scrobble/stop", "/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task One_user_on_two_devices_at_once_with_concurrent_handlers_gets_both_watches_20_seconds_apart()
    {
        var other = _harness.Simkl.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        var second = _harness.AddMovie("Ronin", 1998, TimeSpan.FromMinutes(30), (MetadataProvider.Imdb, "tt0122690"));
        var first = _harness.AddMovie("Heat short cut", 1995, TimeSpan.FromMinutes(30), (MetadataProvider.Imdb, "tt0113277"));
        var alice = await _harness.AddLinkedUserAsync("alice");
        var tv = _harness.Session(alice, "living-room-tv");
        var phone = _harness.Session(alice, "phone");

        _harness.Start(tv, first, TimeSpan.Zero, users: alice);
        _harness.Start(phone, second, TimeSpan.Zero, users: alice);
        for (var s = 1; s <= 30 * 60; s++)
        {
            await _harness.TickAsync();
            var position = TimeSpan.FromSeconds(s);
            await Task.WhenAll(
                Task.Run(() => _harness.Progress(tv, first, position, users: alice)),
                Task.Run(() => _harness.Progress(phone, second, position, users: alice)));
            if (s % 10 == 0)
            {
                await _harness.Time.SettleAsync();
            }
        }

        _harness.Stop(tv, first, TimeSpan.FromMinutes(30), alice);
        _harness.Stop(phone, second, TimeSpan.FromMinutes(30), alice);
        await _harness.FinishAsync();

        Assert.Equal(4, _harness.Scrobbles().Count);
        Assert.Equal(2, _harness.Simkl.History.Count);
        Assert.Contains(_harness.Simkl.History, h => h.SimklId == other.SimklId);
        Assert.Equal(0, _harness.Simkl.LockViolations);
        Assert.True(_harness.Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20));
    }
}
