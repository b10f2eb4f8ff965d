using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Controller.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>Where a stop counts as watched, and what happens when Simkl reads it differently.</summary>
public sealed class CompletionTests : IAsyncLifetime
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

    [Theory]
    [InlineData(79.99, false)]
    [InlineData(80.00, true)]
    public async Task The_80_percent_boundary_is_watched_at_80_and_not_a_hundredth_below(double percent, bool watched)
    {
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        var stopAt = TimeSpan.FromTicks((long)Math.Round(Runtime.Ticks * percent / 100));

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromMinutes(79), alice);
        _harness.Stop(session, _movie, stopAt, alice);
        await _harness.FinishAsync();

        var stop = _harness.Scrobbles()[^1];
        Assert.Equal("/scrobble/stop", stop.Path);
        Assert.Equal(percent, JsonNode.Parse(stop.Body)!["progress"]!.GetValue<double>());
        Assert.Equal(watched ? 1 : 0, _harness.Simkl.History.Count);
        Assert.DoesNotContain(_harness.Simkl.Requests, r => r.Path == "/sync/history");
        Assert.Empty(await _harness.OutboxAsync());
    }

    [Fact]
    public async Task A_stop_simkl_answers_with_pause_is_not_a_completion_so_the_watch_goes_to_history()
    {
        // Simkl reads "80 %" as strictly more than 80 here: our stop at exactly 80 % is kept as a paused playback.
        _harness.Simkl.StopCountsOnlyAbove80 = true;
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        var stoppedAt = await _harness.WatchUntilAsync(session, _movie, TimeSpan.FromMinutes(80), alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop", "/sync/history"], _harness.Simkl.Requests.Select(r => r.Path));
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal(("history", stoppedAt), (watch.Via, watch.WatchedAt));
        Assert.Empty(await _harness.OutboxAsync());
    }
}
