using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklClientResilienceTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    private ISimklClient Client => _harness.Client;

    private FakeSimklServer Simkl => _harness.Simkl;

    // Jitter pinned to its middle, so the backoff curve itself can be checked.
    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync(
        services => services.AddSingleton(new SimklHttpOptions { JitterSource = () => 0.5 }));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task Server_errors_are_retried_with_growing_delays_until_simkl_answers(int status)
    {
        Simkl.Inject(FakeSimklFault.Status(status, count: 3));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var times = Simkl.Requests.Select(r => r.Time).ToList();
        Assert.Equal(4, times.Count);
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.True(gap > TimeSpan.Zero));
        Assert.True(gaps[2] > gaps[0], $"Backoff must grow: {string.Join(", ", gaps)}");
    }

    [Fact]
    public async Task A_persistent_failure_ends_as_unavailable_once_the_circuit_opens_instead_of_retrying_on()
    {
        Simkl.Inject(FakeSimklFault.Status(502, count: 10));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.False(result.IsDone);
        Assert.Contains("paused", result.Message, StringComparison.Ordinal);

        // Four failed attempts open the circuit (minimum throughput 4, failure ratio 0.5): the fifth is never sent.
        Assert.Equal(4, Simkl.Requests.Count);
    }

    [Fact]
    public async Task A_short_retry_after_is_honoured_before_the_retry()
    {
        Simkl.Inject(FakeSimklFault.Status(429, retryAfter: TimeSpan.FromSeconds(7)));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var requests = Simkl.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].Time - requests[0].Time, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task A_long_retry_after_goes_back_to_the_caller_as_rate_limited()
    {
        Simkl.Inject(FakeSimklFault.Status(429, retryAfter: TimeSpan.FromMinutes(30)));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(30), result.RetryAfter);
        Assert.Single(Simkl.Requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    public async Task A_long_retry_after_on_a_server_error_ends_the_call_at_once_with_the_hint_for_the_caller(int status)
    {
        Simkl.Inject(FakeSimklFault.Status(status, count: 10, retryAfter: TimeSpan.FromHours(4)));
        var began = _harness.Time.GetUtcNow();

        // Before the cap, each of the four retries waited the four hours out.
        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None), limit: TimeSpan.FromMinutes(10));

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.True(result.IsTransient);
        Assert.Equal(TimeSpan.FromHours(4), result.RetryAfter);
        Assert.Contains("240 min", result.Message, StringComparison.Ordinal);
        Assert.Single(Simkl.Requests);
        Assert.True(_harness.Time.GetUtcNow() - began < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_short_retry_after_on_a_server_error_is_waited_out_inside_the_call()
    {
        Simkl.Inject(FakeSimklFault.Status(503, retryAfter: TimeSpan.FromSeconds(45)));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var requests = Simkl.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].Time - requests[0].Time, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(46));
    }

    [Fact]
    public async Task An_absurd_retry_after_is_handed_back_as_at_most_a_day()
    {
        Simkl.Inject(FakeSimklFault.Status(429, retryAfter: TimeSpan.FromDays(3650)));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromDays(1), result.RetryAfter);
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_is_abandoned_and_retried()
    {
        Simkl.Inject(FakeSimklFault.Slow(TimeSpan.FromMinutes(2)));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var requests = Simkl.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange(requests[1].Time - requests[0].Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        Simkl.Inject(FakeSimklFault.Of(FakeSimklFaultKind.DropConnection));

        var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        Assert.Equal(2, Simkl.Requests.Count);
    }

    [Fact]
    public async Task During_an_outage_the_circuit_opens_and_only_one_probe_at_a_time_reaches_simkl()
    {
        Simkl.Down = true;
        for (var i = 0; i < 20; i++)
        {
            var result = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt" + i), CancellationToken.None));
            Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        }

        var whileOpen = Simkl.Requests.Count;
        Assert.True(whileOpen < 20, $"An outage must not cost a request per call: {whileOpen} requests for 20 calls.");

        // While the circuit is open, calls fail at once without touching Simkl.
        var immediate = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt-open"), CancellationToken.None), step: TimeSpan.FromMilliseconds(10));
        Assert.Equal(SimklOutcome.Unavailable, immediate.Outcome);
        Assert.Equal(whileOpen, Simkl.Requests.Count);

        Simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));
        var recovered = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt-back"), CancellationToken.None));
        var after = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt-after"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, recovered.Outcome);
        Assert.Equal(SimklOutcome.Success, after.Outcome);
        Assert.Contains(_harness.Logs.Entries, e => e.Message.Contains("answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_break_ends_fifty_waiting_callers_cost_one_probe_while_simkl_is_still_down()
    {
        Simkl.Down = true;
        var opening = await _harness.RunAsync(Client.SearchByIdAsync(new IdLookup("imdb", "tt0"), CancellationToken.None));
        Assert.Equal(SimklOutcome.Unavailable, opening.Outcome);
        var beforeProbe = Simkl.Requests.Count;

        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));
        var calls = Enumerable.Range(1, 50).Select(i => Client.SearchByIdAsync(new IdLookup("imdb", "tt" + i), CancellationToken.None)).ToArray();
        var results = await _harness.RunAsync(Task.WhenAll(calls));

        Assert.All(results, r => Assert.Equal(SimklOutcome.Unavailable, r.Outcome));
        Assert.Equal(beforeProbe + 1, Simkl.Requests.Count);
        Assert.Contains(_harness.Logs.Entries, e => e.Message.Contains("pausing calls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_call_stops_it_during_backoff_without_more_requests()
    {
        Simkl.Inject(FakeSimklFault.Status(503, count: 10));
        using var cancel = new CancellationTokenSource();

        var call = Client.SearchByIdAsync(new IdLookup("imdb", "tt1"), cancel.Token);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100));
        var sent = Simkl.Requests.Count;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.RunAsync(call));
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.Equal(sent, Simkl.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_a_write_waiting_for_its_turn_never_sends_it()
    {
        var user = Simkl.AddUser("alice");
        var movie = Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var token = new SimklToken(user.Token);
        using var cancel = new CancellationTokenSource();

        await _harness.RunAsync(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 1), token, null, CancellationToken.None));
        var waiting = Client.ScrobbleAsync(ScrobbleAction.Pause, SimklClientRequestTests.MovieRequest(movie, 2), token, null, cancel.Token);
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(5));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.RunAsync(waiting));
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        Assert.Single(Simkl.Requests);
    }
}
