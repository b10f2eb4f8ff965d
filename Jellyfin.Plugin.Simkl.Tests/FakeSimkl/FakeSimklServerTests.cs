using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// The fake enforces Simkl's rules on whoever calls it (here a bare HttpClient, not the plugin's client), so a test that
/// passes against it cannot pass by breaking those rules.
/// </summary>
public sealed class FakeSimklServerTests : IAsyncLifetime
{
    private const string App = "client_id=" + FakeSimklServer.ClientId + "&app-name=test&app-version=1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeSimklServer _simkl = null!;

    public async Task InitializeAsync() => _simkl = await FakeSimklServer.StartAsync(_time);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simkl.DisposeAsync();
    }

    [Fact]
    public async Task Requests_without_a_known_client_id_or_without_the_app_name_and_version_are_refused()
    {
        var unknownClient = await GetAsync("/search/id?client_id=someone-else&app-name=test&app-version=1&imdb=tt1");
        var noAppName = await GetAsync("/search/id?client_id=" + FakeSimklServer.ClientId + "&imdb=tt1");
        var fine = await GetAsync("/search/id?" + App + "&imdb=tt1");

        Assert.Equal(HttpStatusCode.PreconditionFailed, unknownClient.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "app_name_version_required"), (noAppName.Status, noAppName.Json?["error"]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, fine.Status);
    }

    [Fact]
    public async Task A_slash_before_the_query_string_gets_an_empty_body_like_the_live_api()
    {
        var slashed = await GetAsync("/search/id/?" + App + "&imdb=tt1");

        Assert.Equal(HttpStatusCode.OK, slashed.Status);
        Assert.Equal(string.Empty, slashed.Body);
    }

    [Fact]
    public async Task A_second_write_inside_twenty_seconds_hits_the_per_user_lock_and_one_after_it_passes()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        const string Start = """{"progress": 5, "movie": {"ids": {"imdb": "tt1375666"}}}""";

        var first = await PostAsync("/scrobble/start", Start, alice);
        _time.Advance(TimeSpan.FromSeconds(19));
        var locked = await PostAsync("/scrobble/start", Start, alice);
        _time.Advance(TimeSpan.FromSeconds(21));
        var later = await PostAsync("/scrobble/start", Start, alice);

        // Simkl's documents disagree on 200 or 201 for a scrobble; any 2xx is an accepted write.
        Assert.InRange((int)first.Status, 200, 299);
        Assert.Equal((HttpStatusCode.BadRequest, "RATE_LIMIT"), (locked.Status, locked.Json?["error"]?.GetValue<string>()));
        Assert.InRange((int)later.Status, 200, 299);
        Assert.Equal(1, _simkl.LockViolations);
        Assert.Equal(TimeSpan.FromSeconds(19), _simkl.SmallestWriteGap());
    }

    [Fact]
    public async Task A_revoked_token_is_refused_with_401()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.Revoke(alice);

        var answer = await PostAsync("/users/settings", "{}", alice);

        Assert.Equal((HttpStatusCode.Unauthorized, "user_token_failed"), (answer.Status, answer.Json?["error"]?.GetValue<string>()));
    }

    [Fact]
    public async Task The_burst_counter_sees_three_requests_in_one_second()
    {
        await GetAsync("/search/id?" + App + "&imdb=tt1");
        _time.Advance(TimeSpan.FromMilliseconds(400));
        await GetAsync("/search/id?" + App + "&imdb=tt2");
        Assert.Equal(2, _simkl.MaxRequestsInAnySecond());

        _time.Advance(TimeSpan.FromMilliseconds(400));
        await GetAsync("/search/id?" + App + "&imdb=tt3");

        Assert.Equal(3, _simkl.MaxRequestsInAnySecond());
    }

    [Fact]
    public async Task The_same_watch_added_twice_to_history_is_counted_as_recorded_twice()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        const string Watch = """{"movies": [{"ids": {"imdb": "tt1375666"}, "watched_at": "2026-11-23T19:00:00Z"}]}""";

        var first = await PostAsync("/sync/history", Watch, alice);
        Assert.Equal(0, _simkl.CountRecordedTwice());
        _time.Advance(TimeSpan.FromSeconds(30));
        await PostAsync("/sync/history", Watch, alice);

        Assert.Equal(1, first.Json?["added"]?["movies"]?.GetValue<int>());
        Assert.Equal(1, _simkl.CountRecordedTwice());
    }

    [Fact]
    public async Task Injected_faults_apply_to_the_next_matching_requests_only()
    {
        _simkl.Inject(FakeSimklFault.Status(502, count: 2, pathPrefix: "/search/"));

        var pin = await GetAsync("/oauth/pin?" + App);
        var first = await GetAsync("/search/id?" + App + "&imdb=tt1");
        var second = await GetAsync("/search/id?" + App + "&imdb=tt1");
        var third = await GetAsync("/search/id?" + App + "&imdb=tt1");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK],
            new[] { pin.Status, first.Status, second.Status, third.Status });
        Assert.Equal(4, _simkl.Requests.Count);
    }

    [Fact]
    public async Task Every_error_the_fake_sends_is_simkls_envelope_with_the_status_as_a_number()
    {
        var alice = _simkl.AddUser("alice");
        var bob = _simkl.AddUser("bob");
        _simkl.Revoke(bob);
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        const string Start = """{"progress": 5, "movie": {"ids": {"imdb": "tt1375666"}}}""";
        var answers = new List<(HttpStatusCode Status, string Body, JsonNode? Json)>
        {
            await GetAsync("/search/id?client_id=someone-else&app-name=test&app-version=1&imdb=tt1"),
            await GetAsync("/search/id?client_id=" + FakeSimklServer.ClientId + "&imdb=tt1"),
            await GetAsync("/search/id?" + App + "&imdb=tt1", userAgent: null),
            await PostAsync("/scrobble/start", Start, alice, contentType: "text/plain"),
            await PostAsync("/users/settings", "{}", bob),
            await PostAsync("/scrobble/start", """{"progress": 5, "movie": {"ids": {"imdb": "tt404"}}}""", alice),
        };
        _time.Advance(TimeSpan.FromSeconds(30));
        answers.Add(await PostAsync("/scrobble/start", """{"progress": 5}""", alice));
        answers.Add(await PostAsync("/scrobble/start", Start, alice));
        answers.Add(await PostAsync("/no/such/route", "{}", alice));
        _simkl.Inject(FakeSimklFault.Status(502));
        answers.Add(await GetAsync("/search/id?" + App + "&imdb=tt1"));
        _simkl.Down = true;
        answers.Add(await GetAsync("/search/id?" + App + "&imdb=tt1"));

        Assert.Equal(
            new[] { 412, 400, 400, 400, 401, 404, 400, 400, 404, 502, 503 },
            answers.Select(a => (int)a.Status));
        Assert.All(answers, a =>
        {
            Assert.Equal(JsonValueKind.String, a.Json?["error"]?.GetValueKind());
            Assert.Equal(JsonValueKind.Number, a.Json?["code"]?.GetValueKind());
            Assert.Equal((int)a.Status, a.Json!["code"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(a.Json["message"]?.GetValue<string>()));
        });
        Assert.Equal(
            new[] { "client_id_failed", "app_name_version_required", "user_agent_required", "content_type_required", "user_token_failed", "id_err", "empty_field", "RATE_LIMIT", "not_found", "injected", "maintenance" },
            answers.Select(a => a.Json!["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_post_without_a_json_content_type_or_a_request_without_a_user_agent_is_refused_and_changes_nothing()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        const string Watch = """{"movies": [{"ids": {"imdb": "tt1375666"}}]}""";

        var noContentType = await PostAsync("/sync/history", Watch, alice, contentType: null);
        var formContentType = await PostAsync("/sync/history", Watch, alice, contentType: "application/x-www-form-urlencoded");
        var noUserAgent = await PostAsync("/sync/history", Watch, alice, userAgent: null);
        var charset = await PostAsync("/sync/history", Watch, alice, contentType: "application/json; charset=utf-8");

        Assert.Equal((HttpStatusCode.BadRequest, "content_type_required"), (noContentType.Status, noContentType.Json?["error"]?.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "content_type_required"), (formContentType.Status, formContentType.Json?["error"]?.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "user_agent_required"), (noUserAgent.Status, noUserAgent.Json?["error"]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, charset.Status);
        Assert.Single(_simkl.HistoryOf(alice));
    }

    [Fact]
    public async Task Two_tokens_of_one_account_share_its_20_second_lock_and_its_history()
    {
        var alice = _simkl.AddUser("alice");
        var aliceOnTheTv = _simkl.AddToken(alice);
        var bob = _simkl.AddUser("bob");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        const string Stop = """{"progress": 95, "movie": {"ids": {"imdb": "tt1375666"}}}""";

        var first = await PostAsync("/scrobble/stop", Stop, alice);
        _time.Advance(TimeSpan.FromSeconds(5));
        var sameAccount = await PostAsync("/scrobble/start", Stop, aliceOnTheTv);
        var otherAccount = await PostAsync("/scrobble/stop", Stop, bob);

        Assert.NotEqual(alice.Token, aliceOnTheTv.Token);
        Assert.Equal(alice.AccountId, aliceOnTheTv.AccountId);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "RATE_LIMIT"), (sameAccount.Status, sameAccount.Json?["error"]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, otherAccount.Status);
        Assert.Equal(1, _simkl.LockViolations);
        Assert.Equal(TimeSpan.FromSeconds(5), _simkl.SmallestWriteGap());
        Assert.Single(_simkl.HistoryOf(aliceOnTheTv));
        Assert.Equal(_simkl.HistoryOf(alice), _simkl.HistoryOfAccount(alice.AccountId));
        Assert.Single(_simkl.HistoryOf(bob));
    }

    [Fact]
    public async Task A_write_whose_connection_drops_after_simkl_recorded_it_fails_for_the_caller_but_is_recorded()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        _simkl.Inject(FakeSimklFault.AnswerLost("/scrobble/stop"));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync("/scrobble/stop", """{"progress": 95, "movie": {"ids": {"imdb": "tt1375666"}}}""", alice));

        var request = Assert.Single(_simkl.Requests);
        Assert.True(request.AnswerLost);
        Assert.True(request.Handled);
        Assert.Equal(200, request.Status);
        Assert.Equal("scrobble", Assert.Single(_simkl.HistoryOf(alice)).Via);
    }

    [Fact]
    public async Task A_write_whose_answer_is_held_past_any_timeout_is_recorded_before_the_answer_leaves()
    {
        var alice = _simkl.AddUser("alice");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        _simkl.Inject(FakeSimklFault.AnswerLost("/sync/history", timesOut: true, delay: TimeSpan.FromMinutes(5)));

        var call = PostAsync("/sync/history", """{"movies": [{"ids": {"imdb": "tt1375666"}}]}""", alice);

        // Waits for the real loopback request to reach the fake (not for a timer).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_simkl.Stalled == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.False(call.IsCompleted);
        Assert.Single(_simkl.HistoryOf(alice));
        Assert.True(Assert.Single(_simkl.Requests).AnswerLost);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Created, (await call).Status);
    }

    [Fact]
    public async Task A_stop_counts_as_watched_from_80_percent_and_below_is_answered_pause_with_nothing_recorded()
    {
        var alice = _simkl.AddUser("alice");
        var bob = _simkl.AddUser("bob");
        _simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));

        var below = await PostAsync("/scrobble/stop", """{"progress": 79.99, "movie": {"ids": {"imdb": "tt1375666"}}}""", alice);
        var at = await PostAsync("/scrobble/stop", """{"progress": 80, "movie": {"ids": {"imdb": "tt1375666"}}}""", bob);

        Assert.Equal("pause", below.Json?["action"]?.GetValue<string>());
        Assert.Empty(_simkl.HistoryOf(alice));
        Assert.Equal("scrobble", at.Json?["action"]?.GetValue<string>());
        Assert.Single(_simkl.HistoryOf(bob));
    }

    [Fact]
    public async Task A_bare_show_in_history_marks_every_aired_episode_and_a_named_episode_marks_one()
    {
        var alice = _simkl.AddUser("alice");
        var bob = _simkl.AddUser("bob");
        var office = _simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        _simkl.SetEpisodes(office, (1, 6), (2, 22));

        var bare = await PostAsync("/sync/history", """{"shows": [{"title": "The Office (US)", "ids": {"tvdb": 73244}}]}""", alice);
        var one = await PostAsync("/sync/history", """{"shows": [{"ids": {"tvdb": 73244}, "seasons": [{"number": 2, "episodes": [{"number": 3}]}]}]}""", bob);

        Assert.Equal(28, bare.Json?["added"]?["episodes"]?.GetValue<int>());
        Assert.Equal(28, _simkl.HistoryOf(alice).Count);
        Assert.Equal(1, _simkl.BareShowMarks);
        Assert.Equal((2, 3), (_simkl.HistoryOf(bob).Single().Season, _simkl.HistoryOf(bob).Single().Episode));
    }

    [Fact]
    public async Task An_episode_the_show_does_not_have_is_listed_in_not_found_and_not_recorded()
    {
        var alice = _simkl.AddUser("alice");
        var office = _simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        _simkl.SetEpisodes(office, (1, 6));

        var answer = await PostAsync("/sync/history", """{"shows": [{"ids": {"tvdb": 73244}, "seasons": [{"number": 1, "episodes": [{"number": 5}, {"number": 9}]}, {"number": 7, "episodes": [{"number": 1}]}]}]}""", alice);

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(1, answer.Json?["added"]?["episodes"]?.GetValue<int>());
        var notFound = answer.Json!["not_found"]!["episodes"]!.AsArray();
        Assert.Equal(new[] { (1, 9), (7, 1) }, notFound.Select(e => (e!["episode"]!["season"]!.GetValue<int>(), e["episode"]!["number"]!.GetValue<int>())));
        Assert.Equal("73244", notFound[0]!["show"]!["ids"]!["tvdb"]!.ToString());
        Assert.Equal(5, Assert.Single(_simkl.HistoryOf(alice)).Episode);
    }

    [Fact]
    public async Task File_search_can_recognise_the_show_alone_without_an_episode()
    {
        var office = _simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        _simkl.AddFile(office, "The Office S04E01.mkv");
        _simkl.AddShowOnlyFile(office, "The Office - Fun Run.mkv");

        var episode = await PostAsync("/search/file", """{"file": "/tv/The Office/The Office S04E01.mkv"}""", user: null);
        var showOnly = await PostAsync("/search/file", """{"file": "/tv/The Office/The Office - Fun Run.mkv"}""", user: null);

        Assert.Equal("episode", episode.Json?["type"]?.GetValue<string>());
        Assert.Equal("show", showOnly.Json?["type"]?.GetValue<string>());
        Assert.Equal(73244, showOnly.Json?["show"]?["ids"]?["tvdb"]?.GetValue<long>());
        Assert.Null(showOnly.Json?["episode"]);
    }

    private Task<(HttpStatusCode Status, string Body, JsonNode? Json)> GetAsync(string pathAndQuery, string? userAgent = "fake-simkl-tests/1.0")
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_simkl.BaseUrl, pathAndQuery)), userAgent);

    private Task<(HttpStatusCode Status, string Body, JsonNode? Json)> PostAsync(
        string path,
        string json,
        FakeSimklUser? user,
        string? contentType = "application/json",
        string? userAgent = "fake-simkl-tests/1.0",
        System.Threading.CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_simkl.BaseUrl, path + "?" + App))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (user is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        }

        return SendAsync(request, userAgent, cancellationToken);
    }

    private async Task<(HttpStatusCode Status, string Body, JsonNode? Json)> SendAsync(HttpRequestMessage request, string? userAgent, System.Threading.CancellationToken cancellationToken = default)
    {
        using (request)
        {
            if (userAgent is not null)
            {
                request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            if (body.Length > 0 && body[0] is '{' or '[')
            {
                json = JsonNode.Parse(body);
            }

            return (response.StatusCode, body, json);
        }
    }
}
