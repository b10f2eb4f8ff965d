using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklClientRequestTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Every_request_identifies_the_app_and_carries_the_users_token_only_on_user_calls()
    {
        var user = _harness.Simkl.AddUser("alice");
        var movie = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));

        await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(CancellationToken.None));
        await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Start, MovieRequest(movie, 5), new SimklToken(user.Token), null, CancellationToken.None));

        var requests = _harness.Simkl.Requests;
        Assert.Equal(2, requests.Count);
        foreach (var request in requests)
        {
            Assert.Equal(FakeSimklServer.ClientId, request.Query["client_id"]);
            Assert.Equal("jellyfin-simkl", request.Query["app-name"]);
            Assert.Equal("1.0.0", request.Query["app-version"]);
            Assert.Equal(FakeSimklServer.ClientId, request.Headers["simkl-api-key"]);
            Assert.StartsWith("jellyfin-simkl/1.0.0", request.Headers["User-Agent"], StringComparison.Ordinal);
            Assert.Contains("Jellyfin 10.11.11", request.Headers["User-Agent"], StringComparison.Ordinal);
        }

        Assert.False(requests[0].Headers.ContainsKey("Authorization"), "The PIN request is not a user call.");
        Assert.Equal("Bearer " + user.Token, requests[1].Headers["Authorization"]);
        Assert.Equal("/scrobble/start", requests[1].Path);
    }

    [Fact]
    public async Task Every_post_carries_a_json_content_type_and_every_call_a_user_agent_so_strict_simkl_accepts_them()
    {
        var user = _harness.Simkl.AddUser("alice");
        var movie = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var office = _harness.Simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        _harness.Simkl.AddFile(office, "The Office S04E01.mkv");
        var token = new SimklToken(user.Token);
        var client = _harness.Client;
        var watchedAt = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);

        var outcomes = new[]
        {
            (await _harness.RunAsync(client.GetUserProfileAsync(token, CancellationToken.None))).Outcome,
            (await _harness.RunAsync(client.ScrobbleAsync(ScrobbleAction.Start, MovieRequest(movie, 5), token, null, CancellationToken.None))).Outcome,
            (await _harness.RunAsync(client.AddToHistoryAsync(new HistoryRequest([new HistoryMovie("Inception", 2010, SimklIds.Of(("imdb", "tt1375666")), watchedAt)], []), token, null, CancellationToken.None))).Outcome,
            (await _harness.RunAsync(client.SearchByFileAsync(new FileSearchRequest("/tv/The Office/The Office S04E01.mkv"), CancellationToken.None))).Outcome,
            (await _harness.RunAsync(client.SearchByIdAsync(new IdLookup("imdb", "tt1375666"), CancellationToken.None))).Outcome,
        };

        // The fake refuses a POST without Content-Type: application/json and any call without a User-Agent (400).
        Assert.All(outcomes, o => Assert.Equal(SimklOutcome.Success, o));
        var requests = _harness.Simkl.Requests;
        Assert.Equal(5, requests.Count);
        Assert.All(requests.Where(r => r.Method == "POST"), r => Assert.StartsWith("application/json", r.Headers["Content-Type"], StringComparison.Ordinal));
        Assert.All(requests, r => Assert.False(string.IsNullOrWhiteSpace(r.Headers["User-Agent"])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//")]
    public async Task A_base_url_with_or_without_trailing_slashes_never_leaves_a_slash_before_the_query(string suffix)
    {
        _harness.Configuration.SimklApiBaseUrl = _harness.Simkl.BaseUrl.ToString().TrimEnd('/') + suffix;

        var result = await _harness.RunAsync(_harness.Client.SearchByIdAsync(new IdLookup("imdb", "tt0000001"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        Assert.Equal("/search/id", Assert.Single(_harness.Simkl.Requests).Path);
    }

    [Fact]
    public async Task Without_a_client_id_nothing_is_sent_and_the_outcome_says_how_to_fix_it()
    {
        _harness.Configuration.ClientId = "  ";

        var result = await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(CancellationToken.None));

        Assert.Equal(SimklOutcome.InvalidClient, result.Outcome);
        Assert.Contains("client id", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task A_wrong_client_id_is_reported_as_invalid_client_and_not_retried()
    {
        _harness.Configuration.ClientId = "someone-elses-id";

        var result = await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(CancellationToken.None));

        Assert.Equal(SimklOutcome.InvalidClient, result.Outcome);
        Assert.Equal(412, result.StatusCode);
        Assert.Single(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task Scrobble_bodies_carry_the_item_with_its_ids_and_progress_rounded_to_two_decimals()
    {
        var user = _harness.Simkl.AddUser("alice");
        _harness.Simkl.AddShow("Breaking Bad", 2008, ("tvdb", "81189"), ("imdb", "tt0903747"));
        var request = new ScrobbleRequest(
            12.3456,
            Show: new SimklMediaObject("Breaking Bad", 2008, SimklIds.Of(("tvdb", "81189"), ("imdb", "tt0903747"))),
            Episode: new SimklEpisodeNumber(2, 7));

        var result = await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Start, request, new SimklToken(user.Token), null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var body = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(_harness.Simkl.Requests).Body)!;
        Assert.Equal(12.35, body["progress"]!.GetValue<double>());
        Assert.Equal(81189, body["show"]!["ids"]!["tvdb"]!.GetValue<long>());
        Assert.Equal("tt0903747", body["show"]!["ids"]!["imdb"]!.GetValue<string>());
        Assert.Equal(2, body["episode"]!["season"]!.GetValue<int>());
        Assert.Equal(7, body["episode"]!["number"]!.GetValue<int>());
        Assert.Null(body["movie"]);
    }

    [Theory]
    [InlineData(DiagnosticsVerbosity.Normal, LogLevel.Debug)]
    [InlineData(DiagnosticsVerbosity.Verbose, LogLevel.Information)]
    public async Task Verbose_diagnostics_log_every_answer_where_an_administrator_sees_it(DiagnosticsVerbosity diagnostics, LogLevel expected)
    {
        _harness.Configuration.Diagnostics = diagnostics;

        await _harness.RunAsync(_harness.Client.SearchByIdAsync(new IdLookup("imdb", "tt0000001"), CancellationToken.None));

        var answered = Assert.Single(_harness.Logs.Entries, e => e.Message.StartsWith("Simkl id search: HTTP 200", StringComparison.Ordinal));
        Assert.Equal(expected, answered.Level);
    }

    internal static ScrobbleRequest MovieRequest(FakeSimklItem movie, double progress)
        => new(progress, Movie: new SimklMediaObject(movie.Title, movie.Year, new SimklIds(movie.Ids.Where(i => i.Key != "simkl"))));
}
