using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Every endpoint against every answer Simkl can give: the caller always learns what happened, never a guess.</summary>
public sealed class SimklClientOutcomeTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;
    private FakeSimklUser _alice = null!;
    private FakeSimklItem _movie = null!;

    public enum Endpoint
    {
        PinRequest,
        PinPoll,
        UserSettings,
        ScrobbleStart,
        ScrobblePause,
        ScrobbleStop,
        SearchFile,
        SearchId,
        History,
    }

    public static IEnumerable<object[]> EveryEndpointAndFailure()
    {
        foreach (var endpoint in Enum.GetValues<Endpoint>())
        {
            yield return [endpoint, 401, "user_token_failed", SimklOutcome.Unauthorized];
            yield return [endpoint, 404, "id_err", SimklOutcome.NotFound];
            yield return [endpoint, 400, "empty_field", SimklOutcome.BadRequest];
            yield return [endpoint, 409, "already_scrobbled", SimklOutcome.AlreadyRecorded];
            yield return [endpoint, 412, "client_id_failed", SimklOutcome.InvalidClient];
            yield return [endpoint, 403, "app_denied", SimklOutcome.Forbidden];
        }
    }

    public static IEnumerable<object[]> EveryEndpoint()
    {
        foreach (var endpoint in Enum.GetValues<Endpoint>())
        {
            yield return [endpoint];
        }
    }

    public async Task InitializeAsync()
    {
        _harness = await SimklClientHarness.StartAsync();
        _alice = _harness.Simkl.AddUser("alice");
        _movie = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"), ("tmdb", "27205"));
        var office = _harness.Simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        _harness.Simkl.AddFile(office, "The Office S04E01.mkv");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_succeeds_against_simkl(Endpoint endpoint)
    {
        var result = await CallAsync(endpoint);

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        Assert.True(result.IsDone);
        Assert.Single(_harness.Simkl.Requests);
    }

    [Theory]
    [MemberData(nameof(EveryEndpointAndFailure))]
    public async Task Every_endpoint_reports_a_rejection_as_its_outcome_and_never_retries_it(Endpoint endpoint, int status, string error, SimklOutcome expected)
    {
        _harness.Simkl.Inject(FakeSimklFault.Status(status, count: 10, error: error));

        var result = await CallAsync(endpoint);

        if (endpoint == Endpoint.PinPoll && status == 404)
        {
            // Simkl answers 404 for a code it no longer knows: the link attempt is over, which the caller must hear as such.
            Assert.Equal(SimklOutcome.Success, result.Outcome);
        }
        else
        {
            Assert.Equal(expected, result.Outcome);
            Assert.Equal(status, result.StatusCode);
            Assert.Equal(error, result.ErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }

        Assert.Single(_harness.Simkl.Requests);
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_hands_a_long_retry_after_back_to_the_caller(Endpoint endpoint)
    {
        _harness.Simkl.Inject(FakeSimklFault.Status(429, count: 10, retryAfter: TimeSpan.FromMinutes(10), error: "too_many_requests"));

        var result = await CallAsync(endpoint);

        Assert.Equal(SimklOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(10), result.RetryAfter);
        Assert.True(result.IsTransient);
        Assert.Single(_harness.Simkl.Requests);
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_reports_the_per_user_lock(Endpoint endpoint)
    {
        _harness.Simkl.Inject(FakeSimklFault.Status(400, count: 10, error: "RATE_LIMIT"));

        var result = await CallAsync(endpoint);

        Assert.Equal(SimklOutcome.UserLocked, result.Outcome);
        Assert.Equal("RATE_LIMIT", result.ErrorCode);
        Assert.True(result.IsTransient);

        // A write waits out the lock and is sent exactly once more; any other call is never sent again.
        var isWrite = endpoint is Endpoint.ScrobbleStart or Endpoint.ScrobblePause or Endpoint.ScrobbleStop or Endpoint.History;
        Assert.Equal(isWrite ? 2 : 1, _harness.Simkl.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_reports_an_outage_as_unavailable_after_a_bounded_number_of_tries(Endpoint endpoint)
    {
        _harness.Simkl.Down = true;

        var result = await CallAsync(endpoint);

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Value);
        Assert.True(result.IsTransient);
        Assert.InRange(_harness.Simkl.Requests.Count, 2, 5);
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_refuses_to_read_an_html_page_as_data(Endpoint endpoint)
    {
        _harness.Simkl.Inject(FakeSimklFault.Of(FakeSimklFaultKind.HtmlPage, count: 10));

        var result = await CallAsync(endpoint);

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Value);
    }

    private async Task<SimklResult<object>> CallAsync(Endpoint endpoint)
    {
        var token = new SimklToken(_alice.Token);
        var none = CancellationToken.None;
        var watchedAt = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);
        return endpoint switch
        {
            Endpoint.PinRequest => Erase(await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(none))),
            Endpoint.PinPoll => Erase(await _harness.RunAsync(_harness.Client.PollPinCodeAsync("ABCDE", none))),
            Endpoint.UserSettings => Erase(await _harness.RunAsync(_harness.Client.GetUserProfileAsync(token, none))),
            Endpoint.ScrobbleStart => Erase(await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), token, null, none))),
            Endpoint.ScrobblePause => Erase(await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Pause, SimklClientRequestTests.MovieRequest(_movie, 30), token, null, none))),
            Endpoint.ScrobbleStop => Erase(await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 95), token, null, none))),
            Endpoint.SearchFile => Erase(await _harness.RunAsync(_harness.Client.SearchByFileAsync(new FileSearchRequest("/tv/The Office/Season 4/The Office S04E01.mkv"), none))),
            Endpoint.SearchId => Erase(await _harness.RunAsync(_harness.Client.SearchByIdAsync(new IdLookup("imdb", "tt1375666"), none))),
            Endpoint.History => Erase(await _harness.RunAsync(_harness.Client.AddToHistoryAsync(
                new HistoryRequest([new HistoryMovie("Inception", 2010, SimklIds.Of(("imdb", "tt1375666")), watchedAt)], []), token, null, none))),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
    }

    private static SimklResult<object> Erase<T>(SimklResult<T> result)
        => new(result.Outcome, result.Value, result.StatusCode, result.ErrorCode, result.Message, result.RetryAfter);
}
