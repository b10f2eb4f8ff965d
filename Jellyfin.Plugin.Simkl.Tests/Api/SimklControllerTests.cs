using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Tests.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class SimklControllerTests : IAsyncLifetime
{
    private AdminTestHost _host = null!;

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "Simkl/Users/{0}/Pin" },
        { "POST", "Simkl/Users/{0}/Pin" },
        { "DELETE", "Simkl/Users/{0}/Link" },
        { "GET", "Simkl/Users/{0}/Activity" },
        { "PUT", "Simkl/Users/{0}/Options" },
    };

    public async Task InitializeAsync() => _host = await AdminTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Users_lists_every_jellyfin_user_with_link_state_and_never_a_token()
    {
        await _host.Accounts.LinkAsync(AdminTestHost.AliceId, new SimklToken("secret-access-token-alice"), "AliceOnSimkl", CancellationToken.None);
        _host.Activity.Record(new ActivityEntry(AdminTestHost.AliceId, _host.Time.GetUtcNow(), "Heat (1995)", ActivityAction.Stop, ActivityOutcome.Succeeded));
        using var client = _host.CreateClient();

        var response = await client.GetAsync(new Uri("Simkl/Users", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secret-access-token-alice", body, StringComparison.Ordinal);
        var users = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        Assert.Equal(["alice", "bob"], users.Select(u => u.GetProperty("userName").GetString()));
        var alice = users[0];
        Assert.Equal(AdminTestHost.AliceId, alice.GetProperty("userId").GetGuid());
        Assert.True(alice.GetProperty("linked").GetBoolean());
        Assert.False(alice.GetProperty("linkBroken").GetBoolean());
        Assert.Equal("AliceOnSimkl", alice.GetProperty("simklUserName").GetString());
        Assert.Equal("succeeded", alice.GetProperty("lastScrobbleOutcome").GetString());
        Assert.Equal(80, alice.GetProperty("options").GetProperty("completionThresholdPercent").GetInt32());
        Assert.False(users[1].GetProperty("linked").GetBoolean());
    }

    [Fact]
    public async Task A_broken_link_is_reported()
    {
        await _host.Accounts.LinkAsync(AdminTestHost.BobId, new SimklToken("secret-bob"), "Bobby", CancellationToken.None);
        await _host.Accounts.MarkBrokenAsync(AdminTestHost.BobId, CancellationToken.None);
        using var client = _host.CreateClient();

        var users = await client.GetFromJsonAsync<JsonElement>(new Uri("Simkl/Users", UriKind.Relative));

        var bob = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "bob");
        Assert.True(bob.GetProperty("linkBroken").GetBoolean());
    }

    [Fact]
    public async Task Linking_with_the_pin_flow_polls_simkl_on_the_server_and_links_the_user()
    {
        var simklUser = _host.Simkl.AddUser("AliceOnSimkl");
        using var client = _host.CreateClient();

        var started = await _host.RunAsync(client.PostAsync(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Pin", UriKind.Relative), null));
        var startBody = await started.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var pin = JsonDocument.Parse(startBody).RootElement;
        var code = pin.GetProperty("userCode").GetString()!;
        Assert.Contains(code, _host.Simkl.IssuedPinCodes());
        Assert.Equal("https://simkl.com/pin/", pin.GetProperty("verificationUrl").GetString());
        Assert.Equal(_host.Time.GetUtcNow().AddSeconds(900), pin.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromSeconds(5));

        Assert.Equal("pending", (await GetPinState(client, AdminTestHost.AliceId)).GetProperty("state").GetString());
        _host.Simkl.Approve(code, simklUser);
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(12));
        await _host.RunAsync(WaitForStateAsync(client, AdminTestHost.AliceId, "linked"));

        var state = await client.GetAsync(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Pin", UriKind.Relative));
        var stateBody = await state.Content.ReadAsStringAsync();
        Assert.Equal("AliceOnSimkl", JsonDocument.Parse(stateBody).RootElement.GetProperty("simklUserName").GetString());
        Assert.DoesNotContain(simklUser.Token, stateBody, StringComparison.Ordinal);
        Assert.DoesNotContain(code, stateBody, StringComparison.Ordinal);
        Assert.True(_host.Accounts.IsTracking(AdminTestHost.AliceId));
        Assert.Equal(simklUser.Token, _host.Accounts.Find(AdminTestHost.AliceId)!.Token.Value);
        var users = await (await client.GetAsync(new Uri("Simkl/Users", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(simklUser.Token, users, StringComparison.Ordinal);
        Assert.DoesNotContain(simklUser.Token, _host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(code, _host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_nobody_enters_expires()
    {
        _host.Simkl.PinExpiresIn = TimeSpan.FromSeconds(30);
        using var client = _host.CreateClient();

        var started = await _host.RunAsync(client.PostAsync(new Uri($"Simkl/Users/{AdminTestHost.BobId}/Pin", UriKind.Relative), null));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(40));
        var state = await _host.RunAsync(WaitForStateAsync(client, AdminTestHost.BobId, "expired"));

        Assert.Contains("expired", state.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(_host.Accounts.IsTracking(AdminTestHost.BobId));
    }

    [Fact]
    public async Task Starting_without_a_client_id_explains_what_to_do()
    {
        _host.Configuration.ClientId = string.Empty;
        using var client = _host.CreateClient();

        var response = await client.PostAsync(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Pin", UriKind.Relative), null);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        if (!string.IsNullOrEmpty(Simkl.Configuration.PluginBuildInfo.DefaultClientId))
        {
            return;
        }

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("noClientId", problem.GetProperty("code").GetString());
        Assert.Contains("simkl.com/settings/developer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Simkl.Requests);
    }

    [Fact]
    public async Task Starting_while_simkl_is_down_says_simkl_is_unreachable()
    {
        _host.Simkl.Down = true;
        using var client = _host.CreateClient();

        var response = await _host.RunAsync(client.PostAsync(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Pin", UriKind.Relative), null));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unreachable", problem.GetProperty("code").GetString());
        Assert.Contains("could not be reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlinking_forgets_the_token_and_answers_204()
    {
        await _host.Accounts.LinkAsync(AdminTestHost.AliceId, new SimklToken("secret-alice"), "A", CancellationToken.None);
        using var client = _host.CreateClient();

        var response = await client.DeleteAsync(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Link", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(_host.Accounts.Find(AdminTestHost.AliceId));
        var file = await System.IO.File.ReadAllTextAsync(System.IO.Path.Combine(_host.DataFolder, Simkl.Accounts.FileSimklAccountStore.FileName));
        Assert.DoesNotContain("secret-alice", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_lists_the_users_events_newest_first()
    {
        var now = _host.Time.GetUtcNow();
        _host.Activity.Record(new ActivityEntry(AdminTestHost.AliceId, now, "Heat (1995)", ActivityAction.Start, ActivityOutcome.Succeeded));
        _host.Activity.Record(new ActivityEntry(AdminTestHost.AliceId, now.AddMinutes(90), "Heat (1995)", ActivityAction.Stop, ActivityOutcome.Deferred, "Simkl was unreachable"));
        _host.Activity.Record(new ActivityEntry(AdminTestHost.BobId, now, "Alien (1979)", ActivityAction.Start, ActivityOutcome.Succeeded));
        using var client = _host.CreateClient();

        var entries = (await client.GetFromJsonAsync<JsonElement>(new Uri($"Simkl/Users/{AdminTestHost.AliceId}/Activity", UriKind.Relative))).EnumerateArray().ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal("stop", entries[0].GetProperty("action").GetString());
        Assert.Equal("deferred", entries[0].GetProperty("outcome").GetString());
        Assert.Equal("Simkl was unreachable", entries[0].GetProperty("reason").GetString());
        Assert.Equal("Heat (1995)", entries[0].GetProperty("item").GetString());
        Assert.Equal("start", entries[1].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Valid_options_are_saved_and_read_back()
    {
        using var client = _host.CreateClient();
        var options = new { trackingEnabled = true, trackMovies = false, trackShows = true, trackAnime = true, excludedLibraryIds = new[] { AdminTestHost.MoviesLibraryId }, animeLibraryIds = new[] { AdminTestHost.AnimeLibraryId }, minimumDurationSeconds = 300, completionThresholdPercent = 90 };

        var response = await client.PutAsJsonAsync(new Uri($"Simkl/Users/{AdminTestHost.BobId}/Options", UriKind.Relative), options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(_host.Configuration.Users);
        Assert.Equal(AdminTestHost.BobId, stored.UserId);
        Assert.False(stored.TrackMovies);
        Assert.Equal(90, stored.CompletionThresholdPercent);
        Assert.Equal([AdminTestHost.MoviesLibraryId], stored.ExcludedLibraryIds);
        var bob = (await client.GetFromJsonAsync<JsonElement>(new Uri("Simkl/Users", UriKind.Relative))).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "bob");
        Assert.Equal(300, bob.GetProperty("options").GetProperty("minimumDurationSeconds").GetInt32());
    }

    [Fact]
    public async Task Invalid_options_are_refused_with_every_problem_named_and_nothing_is_stored()
    {
        using var client = _host.CreateClient();
        var options = new { trackingEnabled = true, trackMovies = true, trackShows = true, trackAnime = true, excludedLibraryIds = new[] { Guid.NewGuid() }, animeLibraryIds = Array.Empty<Guid>(), minimumDurationSeconds = -1, completionThresholdPercent = 101 };

        var response = await client.PutAsJsonAsync(new Uri($"Simkl/Users/{AdminTestHost.BobId}/Options", UriKind.Relative), options);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("completionThresholdPercent", out _));
        Assert.True(errors.TryGetProperty("minimumDurationSeconds", out _));
        Assert.True(errors.TryGetProperty("excludedLibraryIds", out _));
        Assert.Empty(_host.Configuration.Users);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_non_administrator_gets_403_on_every_route(string method, string route)
    {
        using var client = _host.CreateClient("User");

        var response = await Send(client, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, AdminTestHost.AliceId));
        var users = await client.GetAsync(new Uri("Simkl/Users", UriKind.Relative));
        var status = await client.GetAsync(new Uri("Simkl/Status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_malformed_user_id_gets_400(string method, string route)
    {
        using var client = _host.CreateClient();

        var response = await Send(client, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, "not-a-guid"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_unknown_user_gets_404(string method, string route)
    {
        using var client = _host.CreateClient();

        var response = await _host.RunAsync(Send(client, method, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, Guid.NewGuid())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_host.Simkl.Requests);
    }

    [Fact]
    public async Task Status_says_whether_a_client_id_is_set_and_lists_the_libraries()
    {
        using var client = _host.CreateClient();

        var status = await client.GetFromJsonAsync<JsonElement>(new Uri("Simkl/Status", UriKind.Relative));

        Assert.True(status.GetProperty("clientIdSet").GetBoolean());
        Assert.Equal(["Movies", "Anime"], status.GetProperty("libraries").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { completionThresholdPercent = 80 });
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonElement> GetPinState(HttpClient client, Guid userId)
        => await client.GetFromJsonAsync<JsonElement>(new Uri($"Simkl/Users/{userId}/Pin", UriKind.Relative));

    private static async Task<JsonElement> WaitForStateAsync(HttpClient client, Guid userId, string state)
    {
        while (true)
        {
            var current = await GetPinState(client, userId);
            if (current.GetProperty("state").GetString() == state)
            {
                return current;
            }

            await Task.Yield();
        }
    }
}
