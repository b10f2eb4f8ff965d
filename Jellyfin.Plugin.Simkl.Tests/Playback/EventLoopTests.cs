using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>The one loop between Jellyfin and the tracker never waits on Simkl.</summary>
public sealed class EventLoopTests : IAsyncLifetime
{
    private TrackingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_file_search_that_hangs_does_not_hold_up_anyone_elses_tracking()
    {
        var heat = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var unknown = _harness.AddMovie("Home Movie", 2001, TimeSpan.FromMinutes(100));
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");
        _harness.Simkl.Inject(FakeSimklFault.Slow(TimeSpan.FromMinutes(30), count: 100, pathPrefix: "/search/file"));
        var bobs = _harness.Session(bob);
        var alices = _harness.Session(alice);

        _harness.Start(bobs, unknown, TimeSpan.Zero, users: bob);
        _harness.Progress(bobs, unknown, TimeSpan.Zero, users: bob);
        await _harness.Time.SettleAsync();
        var startedAt = _harness.Time.GetUtcNow();
        _harness.Start(alices, heat, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(alices, heat, TimeSpan.Zero, TimeSpan.FromSeconds(40), alice);

        // Every event was handled as it came (simulated time waits for the loop, and a loop stuck behind bob's search
        // never catches up), and alice's start reached Simkl while she played. When exactly is the client's pacing:
        // after bob's search timed out, calls wait for its probe.
        var start = Assert.Single(_harness.Scrobbles(), r => r.UserName == "alice");
        Assert.InRange(start.Time - startedAt, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task A_stop_at_shutdown_is_kept_even_while_the_loop_has_a_search_pending_and_delivered_after_the_restart()
    {
        var heat = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var unknown = _harness.AddMovie("Home Movie", 2001, TimeSpan.FromMinutes(100));
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");
        var alices = _harness.Session(alice);
        var bobs = _harness.Session(bob);
        _harness.EventOrder = ServerEventOrder.Immediate;

        _harness.Start(alices, heat, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(alices, heat, TimeSpan.Zero, TimeSpan.FromMinutes(95), alice);

        // Simkl's file search hangs just as alice's film ends, and the server shuts down moments later, before Simkl
        // answers her stop (it never processes it): the stop is queued or in flight, never confirmed.
        _harness.Simkl.Inject(FakeSimklFault.Slow(TimeSpan.FromMinutes(30), count: 100, pathPrefix: "/search/file"));
        _harness.Simkl.Inject(FakeSimklFault.Slow(TimeSpan.FromMinutes(30), count: 1, pathPrefix: "/scrobble/stop"));
        _harness.Start(bobs, unknown, TimeSpan.Zero, users: bob);
        _harness.Progress(bobs, unknown, TimeSpan.Zero, users: bob);
        _harness.Stop(alices, heat, TimeSpan.FromMinutes(95), alice);
        await _harness.RestartAsync();
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1));
        await _harness.FinishAsync();

        Assert.Single(_harness.Simkl.History, h => h.UserName == "alice");
        Assert.Equal(0, _harness.Simkl.CountRecordedTwice());
    }

    [Fact]
    public async Task Stops_still_queued_when_the_loop_stops_become_outbox_entries_the_replayer_owns()
    {
        var heat = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(100), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        _harness.Start(session, heat, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, heat, TimeSpan.Zero, TimeSpan.FromMinutes(95), alice);

        // A loop that has not got to the stop yet when the server shuts down: it is still in the queue.
        var queue = new PlaybackSignalQueue();
        var loop = new PlaybackSignalProcessor(
            queue,
            _harness.Tracker,
            _harness.Services.GetRequiredService<ItemMapper>(),
            _harness.Services.GetRequiredService<ISimklAccountStore>(),
            new PlaybackTrackingOptions(),
            NullLogger<PlaybackSignalProcessor>.Instance);
        Assert.True(queue.TryPublish(new PlaybackSignal(PlaybackEventKind.Stop, heat, session.Id, alice.Id, TimeSpan.FromMinutes(95).Ticks, false, false, _harness.Time.GetUtcNow())));
        await loop.StopAsync(CancellationToken.None);

        // No live stop is sent any more; the outbox entry is due at once and the replayer delivers it.
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        await _harness.FinishAsync();

        Assert.DoesNotContain(_harness.Simkl.Requests, r => r.Path == "/scrobble/stop");
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal("history", watch.Via);
        Assert.Empty(await _harness.OutboxAsync());
    }
}
