using System;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

public sealed class OutageAndRestartTests : IAsyncLifetime
{
    private TrackingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Simkl_down_for_an_hour_and_a_server_restart_lose_nothing_and_record_nothing_twice()
    {
        var simkl = _harness.Simkl;
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(30), "tt0113277");
        var series = _harness.AddSeriesKnownToSimkl("Severance", 2022, "371980");
        var first = _harness.AddEpisode(series, 1, 1, TimeSpan.FromMinutes(30));
        var second = _harness.AddEpisode(series, 1, 2, TimeSpan.FromMinutes(30));
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");

        simkl.Down = true;
        var aliceTv = _harness.Session(alice);
        var bobTv = _harness.Session(bob);
        _harness.Start(aliceTv, movie, TimeSpan.Zero, users: alice);
        _harness.Start(bobTv, first, TimeSpan.Zero, users: bob);
        for (var second2 = 1; second2 <= 30 * 60; second2++)
        {
            await _harness.TickAsync();
            _harness.Progress(aliceTv, movie, TimeSpan.FromSeconds(second2), users: alice);
            _harness.Progress(bobTv, first, TimeSpan.FromSeconds(second2), users: bob);
        }

        _harness.Stop(aliceTv, movie, TimeSpan.FromMinutes(30), alice);
        _harness.Stop(bobTv, first, TimeSpan.FromMinutes(30), bob);
        await _harness.WatchUntilAsync(bobTv, second, TimeSpan.FromMinutes(28), bob);
        await _harness.FinishAsync();

        var waiting = await _harness.OutboxAsync();
        Assert.Equal(3, waiting.Count);
        Assert.Empty(simkl.History);
        var duringOutage = simkl.Requests.Count;
        Assert.True(duringOutage < 60, $"An hour-long outage must cost a bounded number of requests, not {duringOutage}.");

        // The server restarts while Simkl is still down: the outbox comes back from disk.
        await _harness.RestartAsync();
        Assert.Equal(3, (await _harness.OutboxAsync()).Count);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));

        simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));

        Assert.Empty(await _harness.OutboxAsync());
        Assert.Equal(3, simkl.History.Count);
        Assert.Equal(0, simkl.CountRecordedTwice());
        Assert.Equal(["alice", "bob", "bob"], simkl.History.Select(h => h.UserName).Order());
        Assert.All(simkl.History, h => Assert.Equal("history", h.Via));
        Assert.Equal(2, simkl.History.Where(h => h.UserName == "bob").Select(h => h.Episode).Distinct().Count());
        Assert.True(simkl.MaxRequestsInAnySecond() < 3);
    }
}
