using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class SimklControllerTests : IAsyncLifetime
{
    private AdminApiHost _host = null!;
    private HttpClient _admin = null!;
    private User _alice = null!;
    private FakeSimklUser _simklAlice = null!;

    public static IEnumerable<object[]> Routes() =>
    [
        ["GET", "Simkl/Users"],
        ["POST", "Simkl/Users/{id}/Pin"],
        ["GET", "Simkl/Users/{id}/Pin"],
        ["DELETE", "Simkl/Users/{id}/Link"],
        ["GET", "Simkl/Users/{id}/Activity"],
        ["PUT", "Simkl/Users/{id}/Options"],
        ["GET", "Simkl/Settings"],
        ["PUT", "Simkl/Settings"],
        ["GET", "Simkl/Libraries"],
    ];

    public static IEnumerable<object[]> UserRoutes() => Routes().Where(r => ((string)r[1]).Contains("{id}", StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        _host = await AdminApiHost.StartAsync();
        _admin = _host.CreateClient();
        _alice = _host.AddUser("alice");
        _host.AddUser("bob");
        _simklAlice = _host.Simkl.AddUser("alice-on-simkl");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_user_who_is_not_an_administrator_gets_403_on_every_route(string method, string route)
    {
        using var user = _host.CreateClient("user");

        using var response = await user.SendAsync(ApiRequests.To(method, route.Replace("{id}", _alice.Id.ToString(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Simkl.Requests);
    }

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task A_malformed_user_id_gets_400_and_an_unknown_one_404(string method, string route)
    {
        using var malformed = await _admin.SendAsync(ApiRequests.To(method, route.Replace("{id}", "not-a-guid%27%3B--", StringComparison.Ordinal)));
        using var unknown = await _admin.SendAsync(ApiRequests.To(method, route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("user", await unknown.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Users_lists_everyone_with_link_state_options_and_last_activity_but_never_a_token()
    {
        await _host.LinkAsync(_alice, _simklAlice);
        _host.Services.GetRequiredService<IActivityLog>().Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow(), "Heat (1995)", ActivityAction.Stop, ActivityOutcome.Succeeded));

        var text = await _admin.GetStringAsync(new Uri("Simkl/Users", UriKind.Relative));
        var users = JsonNode.Parse(text)!.AsArray();

        Assert.DoesNotContain(_simklAlice.Token, text, StringComparison.Ordinal);
        Assert.Equal(["alice", "bob"], users.Select(u => (string?)u!["userName"]));
        var alice = users[0]!;
        Assert.True((bool)alice["linked"]!);
        Assert.False((bool)alice["linkBroken"]!);
        Assert.Equal("alice-on-simkl", (string?)alice["simklUserName"]);
        Assert.Equal(80, (int)alice["options"]!["completionThresholdPercent"]!);
        Assert.Equal("Heat (1995)", (string?)alice["lastScrobble"]!["item"]);
        Assert.Equal("succeeded", (string?)alice["lastScrobble"]!["outcome"]);
        Assert.Equal("Stopped", (string?)alice["lastScrobble"]!["actionText"]);
        Assert.False((bool)users[1]!["linked"]!);
    }

    [Fact]
    public async Task Linking_with_a_pin_end_to_end_the_server_polls_simkl_and_the_page_reads_the_state()
    {
        using var start = await _host.RunAsync(_admin.PostAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative), null));
        var pin = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        var code = (string)pin["userCode"]!;
        var requestedAt = _host.Time.GetUtcNow();

        var pending = JsonNode.Parse(await _admin.GetStringAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative)))!;
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(1));
        _host.Simkl.Approve(code, _simklAlice);

        // The server's poller sees the approval, asks who the account is and saves the link (a disk write), then stops.
        await _host.Time.RunAsync(_host.Services.GetRequiredService<PinLinkService>().LatestPoller, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        var linkedText = await _admin.GetStringAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative));
        var linked = JsonNode.Parse(linkedText)!;

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("https://simkl.com/pin/", (string?)pin["verificationUrl"]);
        Assert.InRange((DateTimeOffset)pin["expiresAt"]!, requestedAt.AddSeconds(899), requestedAt.AddSeconds(900));
        Assert.Equal("pending", (string?)pending["state"]);
        Assert.Equal("linked", (string?)linked["state"]);
        Assert.Equal("alice-on-simkl", (string?)linked["simklUserName"]);
        Assert.DoesNotContain(_simklAlice.Token, linkedText, StringComparison.Ordinal);
        Assert.Equal(_simklAlice.Token, _host.Accounts.Find(_alice.Id)!.Token.Value);

        // The server polled at Simkl's interval (5 s), never faster: no "slow down" answers.
        var polls = _host.Simkl.Requests.Where(r => r.Path.StartsWith("/oauth/pin/", StringComparison.Ordinal)).ToList();
        Assert.InRange(polls.Count, 3, 5);
        Assert.All(polls.Zip(polls.Skip(1)), p => Assert.True(p.Second.Time - p.First.Time >= TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Starting_again_replaces_the_pending_code_and_only_the_new_one_is_polled()
    {
        using var first = await _host.RunAsync(_admin.PostAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative), null));
        using var second = await _host.RunAsync(_admin.PostAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative), null));
        var firstCode = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["userCode"]!;
        var secondCode = (string)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["userCode"]!;
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));

        Assert.NotEqual(firstCode, secondCode);
        var polled = _host.Simkl.Requests.Where(r => r.Path.StartsWith("/oauth/pin/", StringComparison.Ordinal)).Select(r => r.Path).Distinct();
        Assert.Equal(["/oauth/pin/" + secondCode], polled);
    }

    [Fact]
    public async Task A_code_nobody_enters_expires_and_polling_stops()
    {
        _host.Simkl.PinExpiresIn = TimeSpan.FromSeconds(30);
        using var start = await _host.RunAsync(_admin.PostAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative), null));
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(1));
        var polls = _host.Simkl.Requests.Count;
        await _host.Time.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));

        var status = JsonNode.Parse(await _admin.GetStringAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative)))!;
        Assert.Equal("expired", (string?)status["state"]);
        Assert.Contains("expired", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(polls, _host.Simkl.Requests.Count);
        Assert.Null(_host.Accounts.Find(_alice.Id));
    }

    [Fact]
    public async Task When_simkl_is_unreachable_starting_a_link_says_so_with_502()
    {
        _host.Simkl.Down = true;

        using var response = await _host.RunAsync(_admin.PostAsync(new Uri($"Simkl/Users/{_alice.Id}/Pin", UriKind.Relative), null));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("cannot be reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_id_starting_a_link_explains_how_to_get_one()
    {
        await using var host = await AdminApiHost.StartAsync(withClientId: false);
        var user = host.AddUser("carol");
        using var admin = host.CreateClient();

        using var response = await admin.PostAsync(new Uri($"Simkl/Users/{user.Id}/Pin", UriKind.Relative), null);
        var settings = JsonNode.Parse(await admin.GetStringAsync(new Uri("Simkl/Settings", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("simkl.com/settings/developer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((bool)settings["hasClientId"]!);
        Assert.Empty(host.Simkl.Requests);
    }

    [Fact]
    public async Task Unlinking_forgets_the_token_and_returns_204()
    {
        await _host.LinkAsync(_alice, _simklAlice);

        using var response = await _admin.DeleteAsync(new Uri($"Simkl/Users/{_alice.Id}/Link", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(_host.Accounts.Find(_alice.Id));
        var users = JsonNode.Parse(await _admin.GetStringAsync(new Uri("Simkl/Users", UriKind.Relative)))!.AsArray();
        Assert.False((bool)users[0]!["linked"]!);
    }

    [Fact]
    public async Task Activity_lists_the_users_events_newest_first()
    {
        var log = _host.Services.GetRequiredService<IActivityLog>();
        log.Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow(), "Heat (1995)", ActivityAction.Start, ActivityOutcome.Succeeded));
        log.Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow().AddMinutes(5), "Heat (1995)", ActivityAction.Stop, ActivityOutcome.Deferred, "Simkl failed with HTTP 503 after retries."));

        var entries = JsonNode.Parse(await _admin.GetStringAsync(new Uri($"Simkl/Users/{_alice.Id}/Activity", UriKind.Relative)))!.AsArray();

        Assert.Equal(["stop", "start"], entries.Select(e => (string?)e!["action"]));
        Assert.Equal("deferred", (string?)entries[0]!["outcome"]);
        Assert.Equal(["Stopped", "Started"], entries.Select(e => (string?)e!["actionText"]));
        Assert.Equal(["Kept for later", "Done"], entries.Select(e => (string?)e!["outcomeText"]));
        Assert.Contains("503", (string?)entries[0]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_are_validated_saved_and_read_back_and_a_bad_value_never_reaches_the_tracker()
    {
        var movies = Guid.Parse(_host.Libraries[0].ItemId);
        var good = ApiRequests.Options(threshold: 70, minimumSeconds: 300, excluded: [movies]);
        var bad = ApiRequests.Options(threshold: 150, minimumSeconds: -5, excluded: [Guid.NewGuid()]);

        using var saved = await _admin.PutAsJsonAsync(new Uri($"Simkl/Users/{_alice.Id}/Options", UriKind.Relative), good);
        using var refused = await _admin.PutAsJsonAsync(new Uri($"Simkl/Users/{_alice.Id}/Options", UriKind.Relative), bad);
        var problem = await refused.Content.ReadAsStringAsync();
        var users = JsonNode.Parse(await _admin.GetStringAsync(new Uri("Simkl/Users", UriKind.Relative)))!.AsArray();
        var options = _host.Services.GetRequiredService<Simkl.Playback.IUserTrackingOptionsSource>().Get(_alice.Id);

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("between 1 and 100", problem, StringComparison.Ordinal);
        Assert.Contains("cannot be negative", problem, StringComparison.Ordinal);
        Assert.Contains("no library", problem, StringComparison.Ordinal);
        Assert.Equal(70, (int)users[0]!["options"]!["completionThresholdPercent"]!);
        Assert.Equal(300, (int)users[0]!["options"]!["minimumDurationSeconds"]!);
        Assert.Equal((70, TimeSpan.FromMinutes(5)), (options.CompletionThresholdPercent, options.MinimumDuration));
        Assert.Contains(movies, options.ExcludedLibraryIds);
    }

    [Fact]
    public async Task Settings_are_validated_and_saved()
    {
        using var bad = await _admin.PutAsJsonAsync(new Uri("Simkl/Settings", UriKind.Relative), new { clientId = "two words", simklApiBaseUrl = "ftp://example", diagnostics = "Loud" });
        using var good = await _admin.PutAsJsonAsync(new Uri("Simkl/Settings", UriKind.Relative), new { clientId = " abc123 ", simklApiBaseUrl = "https://api.simkl.com/", diagnostics = "Verbose" });
        var settings = JsonNode.Parse(await _admin.GetStringAsync(new Uri("Simkl/Settings", UriKind.Relative)))!;
        var libraries = JsonNode.Parse(await _admin.GetStringAsync(new Uri("Simkl/Libraries", UriKind.Relative)))!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("single word", problem, StringComparison.Ordinal);
        Assert.Contains("https address", problem, StringComparison.Ordinal);
        Assert.Contains("Normal or Verbose", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        Assert.Equal("abc123", (string?)settings["clientId"]);
        Assert.Equal("https://api.simkl.com", (string?)settings["simklApiBaseUrl"]);
        Assert.Equal("Verbose", (string?)settings["diagnostics"]);
        Assert.True((bool)settings["selfServiceEnabled"]!);
        Assert.Equal(["Anime", "Movies"], libraries.Select(l => (string?)l!["name"]));
    }

    [Fact]
    public async Task A_plain_http_simkl_address_to_another_machine_is_refused_and_one_to_this_machine_is_saved()
    {
        using var remote = await _admin.PutAsJsonAsync(new Uri("Simkl/Settings", UriKind.Relative), new { clientId = "abc123", simklApiBaseUrl = "http://simkl-proxy.example.org", diagnostics = "Normal" });
        using var local = await _admin.PutAsJsonAsync(new Uri("Simkl/Settings", UriKind.Relative), new { clientId = "abc123", simklApiBaseUrl = "http://127.0.0.1:8095", diagnostics = "Normal" });
        var settings = JsonNode.Parse(await _admin.GetStringAsync(new Uri("Simkl/Settings", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.BadRequest, remote.StatusCode);
        Assert.Contains("https address", await remote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, local.StatusCode);
        Assert.Equal("http://127.0.0.1:8095", (string?)settings["simklApiBaseUrl"]);
    }

    [Fact]
    public async Task No_response_of_any_route_carries_a_token()
    {
        await _host.LinkAsync(_alice, _simklAlice);
        var bodies = new List<string>();
        foreach (var route in Routes().Select(r => ((string)r[0], ((string)r[1]).Replace("{id}", _alice.Id.ToString(), StringComparison.Ordinal))))
        {
            using var response = await _host.RunAsync(_admin.SendAsync(ApiRequests.To(route.Item1, route.Item2)));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, body => Assert.DoesNotContain(_simklAlice.Token, body, StringComparison.Ordinal));
        Assert.DoesNotContain(_simklAlice.Token, _host.Logs.AllText, StringComparison.Ordinal);
    }
}
