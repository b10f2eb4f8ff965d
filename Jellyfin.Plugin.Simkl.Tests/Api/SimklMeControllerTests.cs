using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>The self-service endpoints: a user acts on their own data, and only on it.</summary>
public sealed class SimklMeControllerTests : IAsyncLifetime
{
    private AdminApiHost _host = null!;
    private User _alice = null!;
    private User _bob = null!;
    private HttpClient _asAlice = null!;
    private FakeSimklUser _simklAlice = null!;
    private FakeSimklUser _simklBob = null!;

    public static IEnumerable<object[]> Routes() =>
    [
        ["GET", "Simkl/Me/Status"],
        ["GET", "Simkl/Me/Libraries"],
        ["POST", "Simkl/Me/Pin"],
        ["GET", "Simkl/Me/Pin"],
        ["DELETE", "Simkl/Me/Link"],
        ["GET", "Simkl/Me/Activity"],
        ["PUT", "Simkl/Me/Options"],
    ];

    public async Task InitializeAsync()
    {
        _host = await AdminApiHost.StartAsync();
        _alice = _host.AddUser("alice");
        _bob = _host.AddUser("bob");
        _asAlice = _host.CreateClient(_alice);
        _simklAlice = _host.Simkl.AddUser("alice-on-simkl");
        _simklBob = _host.Simkl.AddUser("bob-on-simkl");
    }

    public async Task DisposeAsync()
    {
        _asAlice.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_user_links_with_a_pin_sees_their_status_and_unlinks_their_own_account()
    {
        var before = JsonNode.Parse(await _asAlice.GetStringAsync(Relative("Simkl/Me/Status")))!;
        using var start = await _host.RunAsync(_asAlice.PostAsync(Relative("Simkl/Me/Pin"), null));
        var code = (string)JsonNode.Parse(await start.Content.ReadAsStringAsync())!["userCode"]!;
        _host.Simkl.Approve(code, _simklAlice);
        await _host.Time.RunAsync(_host.Services.GetRequiredService<PinLinkService>().LatestPoller, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        var pinText = await _asAlice.GetStringAsync(Relative("Simkl/Me/Pin"));
        var statusText = await _asAlice.GetStringAsync(Relative("Simkl/Me/Status"));
        var linked = JsonNode.Parse(statusText)!;

        Assert.Equal(("alice", false, true), ((string?)before["userName"], (bool)before["linked"]!, (bool)before["hasClientId"]!));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("linked", (string?)JsonNode.Parse(pinText)!["state"]);
        Assert.True((bool)linked["linked"]!);
        Assert.Equal("alice-on-simkl", (string?)linked["simklUserName"]);
        Assert.Equal(_simklAlice.Token, _host.Accounts.Find(_alice.Id)!.Token.Value);
        Assert.Null(_host.Accounts.Find(_bob.Id));
        Assert.DoesNotContain(_simklAlice.Token, pinText + statusText, StringComparison.Ordinal);

        using var unlink = await _asAlice.DeleteAsync(Relative("Simkl/Me/Link"));
        Assert.Equal(HttpStatusCode.NoContent, unlink.StatusCode);
        Assert.Null(_host.Accounts.Find(_alice.Id));
    }

    [Fact]
    public async Task Pressing_link_again_and_again_shows_the_same_code_and_asks_simkl_once_until_it_nearly_expires()
    {
        var codes = new List<string>();
        async Task Press()
        {
            using var response = await _host.RunAsync(_asAlice.PostAsync(Relative("Simkl/Me/Pin"), null));
            codes.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["userCode"]!);
        }

        for (var i = 0; i < 5; i++)
        {
            await Press();
        }

        await _host.Time.AdvanceAsync(TimeSpan.FromMinutes(14), TimeSpan.FromSeconds(5));
        await Press();

        Assert.Single(codes.Take(5).Distinct());
        Assert.NotEqual(codes[0], codes[5]);
        Assert.Equal(2, _host.Simkl.Requests.Count(r => r.Path == "/oauth/pin"));
    }

    [Fact]
    public async Task A_user_saves_their_own_options_with_the_same_checks_as_the_administrators_page()
    {
        var movies = Guid.Parse(_host.Libraries[0].ItemId);

        using var refused = await _asAlice.PutAsJsonAsync(Relative("Simkl/Me/Options"), ApiRequests.Options(150, -5, [Guid.NewGuid()]));
        using var saved = await _asAlice.PutAsJsonAsync(Relative("Simkl/Me/Options"), ApiRequests.Options(70, 300, [movies]));
        var problem = await refused.Content.ReadAsStringAsync();
        var options = _host.Services.GetRequiredService<Simkl.Playback.IUserTrackingOptionsSource>().Get(_alice.Id);
        var status = JsonNode.Parse(await _asAlice.GetStringAsync(Relative("Simkl/Me/Status")))!;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("between 1 and 100", problem, StringComparison.Ordinal);
        Assert.Contains("cannot be negative", problem, StringComparison.Ordinal);
        Assert.Contains("no library", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal((70, TimeSpan.FromMinutes(5)), (options.CompletionThresholdPercent, options.MinimumDuration));
        Assert.Equal(70, (int)status["options"]!["completionThresholdPercent"]!);
        Assert.Equal([_alice.Id], _host.Configuration.Users.Select(u => u.UserId));
    }

    [Fact]
    public async Task A_user_sees_only_their_own_activity_in_words()
    {
        var log = _host.Services.GetRequiredService<IActivityLog>();
        log.Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow(), "Heat (1995)", ActivityAction.MarkWatched, ActivityOutcome.AlreadyRecorded));
        log.Record(new ActivityEntry(_bob.Id, _host.Time.GetUtcNow(), "Bob's secret film", ActivityAction.Stop, ActivityOutcome.Succeeded));

        var text = await _asAlice.GetStringAsync(Relative("Simkl/Me/Activity"));
        var entries = JsonNode.Parse(text)!.AsArray();

        Assert.Equal(["Heat (1995)"], entries.Select(e => (string?)e!["item"]));
        Assert.Equal("Marked watched", (string?)entries[0]!["actionText"]);
        Assert.Equal("Already on Simkl", (string?)entries[0]!["outcomeText"]);
        Assert.DoesNotContain("Bob", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_id_smuggled_in_the_route_query_or_body_never_reaches_their_data()
    {
        await _host.LinkAsync(_bob, _simklBob);
        _host.Services.GetRequiredService<IActivityLog>().Record(new ActivityEntry(_bob.Id, _host.Time.GetUtcNow(), "Bob's secret film", ActivityAction.Stop, ActivityOutcome.Succeeded));
        var bob = _bob.Id.ToString();
        var bodyWithBob = new JsonObject
        {
            ["userId"] = bob,
            ["UserId"] = bob,
            ["trackingEnabled"] = false,
            ["trackMovies"] = false,
            ["trackShows"] = false,
            ["trackAnime"] = false,
            ["excludedLibraryIds"] = new JsonArray(),
            ["animeLibraryIds"] = new JsonArray(),
            ["minimumDurationSeconds"] = 600,
            ["completionThresholdPercent"] = 50,
        };

        var answers = new List<(string Call, HttpStatusCode Status, string Body)>();
        async Task Send(HttpMethod method, string route, JsonObject? body = null)
        {
            using var request = new HttpRequestMessage(method, Relative(route)) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await _host.RunAsync(_asAlice.SendAsync(request));
            answers.Add((method + " " + route, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        // In the route: no such routes under /Simkl/Me, and the administrator's routes refuse a user.
        foreach (var route in new[] { $"Simkl/Me/{bob}/Status", $"Simkl/Me/{bob}/Activity", $"Simkl/Me/{bob}/Link", $"Simkl/Users/{bob}/Activity", $"Simkl/Users/{bob}/Link", "Simkl/Users" })
        {
            await Send(HttpMethod.Get, route);
            await Send(HttpMethod.Delete, route);
        }

        await Send(HttpMethod.Put, $"Simkl/Me/{bob}/Options", bodyWithBob);
        await Send(HttpMethod.Put, $"Simkl/Users/{bob}/Options", bodyWithBob);

        // In the query and the body: ignored, the call acts on alice.
        await Send(HttpMethod.Get, $"Simkl/Me/Activity?userId={bob}");
        await Send(HttpMethod.Get, $"Simkl/Me/Status?userId={bob}&UserId={bob}");
        await Send(HttpMethod.Delete, $"Simkl/Me/Link?userId={bob}");
        await Send(HttpMethod.Put, $"Simkl/Me/Options?userId={bob}", bodyWithBob);

        Assert.All(answers.Where(a => a.Call.Contains(bob + "/", StringComparison.Ordinal) || a.Call.EndsWith("Simkl/Users", StringComparison.Ordinal)), a => Assert.True(
            a.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed,
            $"{a.Call} answered {(int)a.Status}."));
        Assert.All(answers, a => Assert.DoesNotContain("bob", a.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("alice", (string?)JsonNode.Parse(answers.Single(a => a.Call.Contains("Me/Status?", StringComparison.Ordinal)).Body)!["userName"]);

        // Bob keeps his link, his activity and his default options; alice got the body's options.
        Assert.Equal(_simklBob.Token, _host.Accounts.Find(_bob.Id)?.Token.Value);
        Assert.Single(_host.Services.GetRequiredService<IActivityLog>().GetRecent(_bob.Id));
        Assert.DoesNotContain(_host.Configuration.Users, u => u.UserId == _bob.Id);
        Assert.Equal(50, _host.Configuration.Users.Single(u => u.UserId == _alice.Id).CompletionThresholdPercent);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_jellyfin_sign_in_every_route_answers_401_and_nothing_happens(string method, string route)
    {
        using var anonymous = _host.CreateClient(who: null);
        using var forged = _host.CreateClient(who: null);
        forged.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "MediaBrowser Token=\"not-a-session\"");

        using var none = await anonymous.SendAsync(ApiRequests.To(method, route + "?userId=" + _alice.Id));
        using var bad = await forged.SendAsync(ApiRequests.To(method, route));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Empty(_host.Simkl.Requests);
        Assert.Empty(_host.Configuration.Users);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_api_key_or_a_session_of_no_known_user_is_no_one_and_gets_403(string method, string route)
    {
        using var apiKey = _host.CreateClient(TestAuthHandler.ApiKey);
        using var stranger = _host.CreateClient("user");

        using var byKey = await apiKey.SendAsync(ApiRequests.To(method, route));
        using var byStranger = await stranger.SendAsync(ApiRequests.To(method, route));

        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Contains("Not a Jellyfin user", await byKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Simkl.Requests);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task With_the_setting_off_every_route_answers_403_with_a_problem_that_says_so(string method, string route)
    {
        await _host.LinkAsync(_alice, _simklAlice);
        TurnSelfServiceOff();

        using var response = await _asAlice.SendAsync(ApiRequests.To(method, route));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("Self-service linking is off", (string?)problem["title"]);
        Assert.Contains("Users can link their own Simkl account", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.NotNull(_host.Accounts.Find(_alice.Id));
        Assert.Empty(_host.Simkl.Requests);
    }

    [Fact]
    public async Task The_page_is_served_to_anyone_with_a_strict_policy_and_no_inline_script_and_says_when_it_is_off()
    {
        using var anonymous = _host.CreateClient(who: null);

        using var page = await anonymous.GetAsync(Relative("Simkl/Me"));
        using var script = await anonymous.GetAsync(Relative("Simkl/Me/selfService.js"));
        using var style = await anonymous.GetAsync(Relative("Simkl/Me/selfService.css"));
        var html = await page.Content.ReadAsStringAsync();
        TurnSelfServiceOff();
        var off = await anonymous.GetStringAsync(Relative("Simkl/Me"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.All(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value), tag => Assert.Contains("src=", tag, StringComparison.Ordinal));
        Assert.DoesNotMatch(" on[a-z]+=", html);
        Assert.Contains("data-enabled=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-enabled=\"false\"", off, StringComparison.Ordinal);
        Assert.Contains("turned this page off", off, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_a_base_url_the_page_loads_its_script_and_style_from_under_it()
    {
        using var anonymous = _host.CreateClient(who: null);

        var html = await anonymous.GetStringAsync(Relative(AdminApiHost.BasePath.TrimStart('/') + "/Simkl/Me"));

        Assert.Contains("src=\"/jellyfin/Simkl/Me/selfService.js\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/jellyfin/Simkl/Me/selfService.css\"", html, StringComparison.Ordinal);
        Assert.Contains("data-base=\"/jellyfin\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_script_both_pages_import_is_served_to_anyone_even_with_self_service_off(bool underBaseUrl)
    {
        // The administrator's config page imports it too, and must keep working with the self-service page off.
        TurnSelfServiceOff();
        using var anonymous = _host.CreateClient(who: null);

        using var script = await anonymous.GetAsync(Relative((underBaseUrl ? AdminApiHost.BasePath.TrimStart('/') + "/" : string.Empty) + "Simkl/Me/userPanel.js"));

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(' ', script.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("export function pinLink(", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_turns_self_service_off_and_on_and_still_sees_every_users_link()
    {
        using var admin = _host.CreateClient();
        await _host.LinkAsync(_alice, _simklAlice);

        using var off = await admin.PutAsJsonAsync(Relative("Simkl/Settings"), new { clientId = FakeSimklServer.ClientId, simklApiBaseUrl = _host.Simkl.BaseUrl.ToString(), diagnostics = "Normal", selfServiceEnabled = false });
        var settings = JsonNode.Parse(await admin.GetStringAsync(Relative("Simkl/Settings")))!;
        using var refused = await _asAlice.GetAsync(Relative("Simkl/Me/Status"));
        var users = JsonNode.Parse(await admin.GetStringAsync(Relative("Simkl/Users")))!.AsArray();
        using var on = await admin.PutAsJsonAsync(Relative("Simkl/Settings"), new { clientId = FakeSimklServer.ClientId, simklApiBaseUrl = _host.Simkl.BaseUrl.ToString(), diagnostics = "Normal", selfServiceEnabled = true });
        using var allowed = await _asAlice.GetAsync(Relative("Simkl/Me/Status"));

        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.False((bool)settings["selfServiceEnabled"]!);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("alice-on-simkl", (string?)users.Single(u => (string?)u!["userName"] == "alice")!["simklUserName"]);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task No_response_of_any_route_carries_a_token()
    {
        await _host.LinkAsync(_alice, _simklAlice);
        var bodies = new List<string>();
        foreach (var route in Routes().Select(r => ((string)r[0], (string)r[1])).Append(("GET", "Simkl/Me")).Append(("GET", "Simkl/Me/selfService.js")).Append(("GET", "Simkl/Me/userPanel.js")))
        {
            using var response = await _host.RunAsync(_asAlice.SendAsync(ApiRequests.To(route.Item1, route.Item2)));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, body => Assert.DoesNotContain(_simklAlice.Token, body, StringComparison.Ordinal));
        Assert.DoesNotContain(_simklAlice.Token, _host.Logs.AllText, StringComparison.Ordinal);
    }

    private static Uri Relative(string route) => new(route, UriKind.Relative);

    private void TurnSelfServiceOff()
    {
        var store = _host.Services.GetRequiredService<IPluginConfigurationStore>();
        store.Current.SelfServiceEnabled = false;
        store.Save(store.Current);
    }
}
