using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklPacingTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    private ISimklClient Client => _harness.Client;

    private FakeSimklServer Simkl => _harness.Simkl;

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Fifty_concurrent_callers_never_make_three_requests_in_one_second()
    {
        var calls = Enumerable.Range(0, 50)
            .Select(i => Client.SearchByIdAsync(new IdLookup("imdb", "tt" + i), CancellationToken.None))
            .ToList();

        var results = await _harness.RunAsync(Task.WhenAll(calls), step: TimeSpan.FromMilliseconds(100));

        Assert.All(results, r => Assert.Equal(SimklOutcome.Success, r.Outcome));
        Assert.Equal(50, Simkl.Requests.Count);
        Assert.InRange(Simkl.MaxRequestsInAnySecond(), 1, 2);
    }

    [Fact]
    public async Task Writes_for_one_account_are_at_least_20_seconds_apart_and_other_accounts_are_not_held_up()
    {
        var alice = Simkl.AddUser("alice");
        var bob = Simkl.AddUser("bob");
        var movie = Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var aliceCalls = Enumerable.Range(1, 3)
            .Select(p => Client.ScrobbleAsync(ScrobbleAction.Pause, SimklClientRequestTests.MovieRequest(movie, p * 10), new SimklToken(alice.Token), null, CancellationToken.None))
            .ToList();
        var bobCall = Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 1), new SimklToken(bob.Token), null, CancellationToken.None);

        var results = await _harness.RunAsync(Task.WhenAll(aliceCalls.Append(bobCall)));

        Assert.All(results, r => Assert.Equal(SimklOutcome.Success, r.Outcome));
        Assert.Equal(0, Simkl.LockViolations);
        Assert.True(Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20), $"Smallest gap {Simkl.SmallestWriteGap()}");
        var bobRequest = Simkl.Requests.Single(r => r.UserName == "bob");
        Assert.True(bobRequest.Time - Simkl.Requests[0].Time < TimeSpan.FromSeconds(5), "Bob's write must not wait for Alice's lock.");
    }

    [Fact]
    public async Task A_queued_write_replaced_by_a_newer_state_of_the_same_playback_is_never_sent()
    {
        var alice = Simkl.AddUser("alice");
        var movie = Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var token = new SimklToken(alice.Token);

        var first = Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 1), token, "playback-1", CancellationToken.None);
        await _harness.RunAsync(first);
        var pause = Client.ScrobbleAsync(ScrobbleAction.Pause, SimklClientRequestTests.MovieRequest(movie, 20), token, "playback-1", CancellationToken.None);
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(2));
        var resume = Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 21), token, "playback-1", CancellationToken.None);

        var results = await _harness.RunAsync(Task.WhenAll(pause, resume));

        Assert.Equal(SimklOutcome.Superseded, results[0].Outcome);
        Assert.Equal(SimklOutcome.Success, results[1].Outcome);
        Assert.Equal(["/scrobble/start", "/scrobble/start"], Simkl.Requests.Select(r => r.Path));
        Assert.Contains("\"progress\":21", Simkl.Requests[1].Body, StringComparison.Ordinal);
    }
}
