using System;
using System.Net;
using System.Net.Http;
using System.Text;
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

    private Task<(HttpStatusCode Status, string Body, JsonNode? Json)> GetAsync(string pathAndQuery)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_simkl.BaseUrl, pathAndQuery)));

    private Task<(HttpStatusCode Status, string Body, JsonNode? Json)> PostAsync(string path, string json, FakeSimklUser user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_simkl.BaseUrl, path + "?" + App))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        return SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string Body, JsonNode? Json)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            if (body.Length > 0 && body[0] is '{' or '[')
            {
                json = JsonNode.Parse(body);
            }

            return (response.StatusCode, body, json);
        }
    }
}
