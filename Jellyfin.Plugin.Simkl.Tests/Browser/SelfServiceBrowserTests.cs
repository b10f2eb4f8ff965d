using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jellyfin.Plugin.Simkl.Tests.Browser;

/// <summary>
/// Drives the self-service page (<c>/Simkl/Me</c>) in Debian's headless Chromium as a user who is not an
/// administrator: signing in through the stand-in for Jellyfin's own sign-in, linking against the fake Simkl.
/// </summary>
public sealed class SelfServiceBrowserTests : IAsyncLifetime
{
    private const string AlicePassword = "correct horse";

    private readonly List<string> _browserErrors = [];
    private AdminApiHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private User _alice = null!;
    private User _bob = null!;
    private FakeSimklUser _simklAlice = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ConfigPageBrowserTests.ChromiumPath), $"Chromium is not installed at {ConfigPageBrowserTests.ChromiumPath}: run 'apt-get install -y chromium' (.ci/run does).");
        _host = await AdminApiHost.StartAsync();
        _alice = _host.AddUser("alice", AlicePassword);
        _bob = _host.AddUser("bob", "bobs password");
        _simklAlice = _host.Simkl.AddUser("alice-on-simkl");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ConfigPageBrowserTests.ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_user_signs_in_links_with_a_pin_saves_options_sees_activity_in_words_and_unlinks()
    {
        var log = _host.Services.GetRequiredService<IActivityLog>();
        log.Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow().AddMinutes(-30), "Trailer", ActivityAction.Ignore, ActivityOutcome.Skipped, "Shorter than the minimum duration."));
        log.Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow().AddMinutes(-5), "Heat (1995)", ActivityAction.MarkWatched, ActivityOutcome.Succeeded));
        log.Record(new ActivityEntry(_bob.Id, _host.Time.GetUtcNow(), "Bob's own film", ActivityAction.Stop, ActivityOutcome.Succeeded));
        var page = await OpenAsync();

        await page.FillAsync("#simklUserName", "alice");
        await page.FillAsync("#simklPassword", "wrong");
        await page.ClickAsync("#simklSignIn button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklSignInError"), "did not accept");

        await page.FillAsync("#simklPassword", AlicePassword);
        await page.ClickAsync("#simklSignIn button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");
        Assert.Contains("Signed in to Jellyfin as alice.", await page.InnerTextAsync("#simklWho"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.InputValueAsync("#simklPassword"));

        await page.ClickAsync("#simklLink");
        var code = await WaitForTextAsync(page.Locator("#simklCode"), string.Empty);
        Assert.Matches("^[A-Z0-9]{4,}$", code);
        Assert.Equal("https://simkl.com/pin/", await page.GetAttributeAsync("#simklVerificationUrl", "href"));
        var countdown = await page.InnerTextAsync("#simklCountdown");
        Assert.Matches("^1[45]:[0-5][0-9]$", countdown);
        Assert.Matches("^1[45]:[0-5][0-9]$", await BrowserWait.ForChangeAsync(page.Locator("#simklCountdown"), countdown));
        _host.Simkl.Approve(code, _simklAlice);
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        Assert.Equal(_simklAlice.Token, _host.Accounts.Find(_alice.Id)?.Token.Value);
        Assert.Null(_host.Accounts.Find(_bob.Id));

        var activity = await page.InnerTextAsync("#simklActivity");
        Assert.Contains("Marked watched", activity, StringComparison.Ordinal);
        Assert.Contains("Not tracked", activity, StringComparison.Ordinal);
        Assert.Contains("Skipped: Shorter than the minimum duration.", activity, StringComparison.Ordinal);
        Assert.DoesNotContain("markWatched", activity, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob", activity, StringComparison.Ordinal);
        await ScreenshotAsync(page, "self-service-linked.png");

        await page.UncheckAsync("#simklTrackAnime");
        await page.FillAsync("#simklThreshold", "150");
        await page.ClickAsync("#simklOptionsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklOptionsErrors"), "between 1 and 100");
        Assert.Empty(_host.Configuration.Users);

        await page.FillAsync("#simklThreshold", "70");
        await page.FillAsync("#simklMinimumMinutes", "5");
        await page.CheckAsync($"#simklExcludedLibraries input[value='{Guid.Parse(_host.Libraries[0].ItemId)}']");
        await page.ClickAsync("#simklOptionsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklMessage"), "Your options are saved");
        var saved = Assert.Single(_host.Configuration.Users);
        Assert.Equal((_alice.Id, 70, 300, false), (saved.UserId, saved.CompletionThresholdPercent, saved.MinimumDurationSeconds, saved.TrackAnime));
        Assert.Equal([Guid.Parse(_host.Libraries[0].ItemId)], saved.ExcludedLibraryIds);

        // A reload keeps this tab's Jellyfin session and shows what was saved.
        await page.ReloadAsync();
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        Assert.Equal("70", await page.InputValueAsync("#simklThreshold"));
        Assert.False(await page.IsCheckedAsync("#simklTrackAnime"));

        await page.ClickAsync("#simklUnlink");
        await WaitForTextAsync(page.Locator("#simklMessage"), "no longer linked");
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");
        Assert.Null(_host.Accounts.Find(_alice.Id));

        // Nothing but this tab's Jellyfin session is kept in the browser, and no Simkl token ever reached it.
        var storage = await page.EvaluateAsync<string>("JSON.stringify({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })");
        Assert.Equal("{\"local\":[],\"session\":[\"simkl-self-service-session\"]}", storage);
        Assert.DoesNotContain(_simklAlice.Token, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(AlicePassword, await page.ContentAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#simklSignOut");
        await page.Locator("#simklSignIn").WaitForAsync();
        Assert.Equal("{\"local\":[],\"session\":[]}", await page.EvaluateAsync<string>("JSON.stringify({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })"));
        Assert.Empty(_browserErrors);
    }

    [Fact]
    public async Task A_user_signed_in_to_the_web_client_of_this_server_is_recognised_and_another_servers_session_is_never_used()
    {
        var aliceSession = _host.Identities.IssueToken(_alice.Id);
        var bobSession = _host.Identities.IssueToken(_bob.Id);
        var credentials = new JsonObject
        {
            ["Servers"] = new JsonArray(
                new JsonObject { ["Id"] = Guid.NewGuid().ToString("N"), ["AccessToken"] = bobSession, ["UserId"] = _bob.Id.ToString("N"), ["DateLastAccessed"] = 2 },
                new JsonObject { ["Id"] = _host.Identities.ServerId, ["AccessToken"] = aliceSession, ["UserId"] = _alice.Id.ToString("N"), ["DateLastAccessed"] = 1 }),
        };
        var page = await OpenAsync(localStorage: credentials.ToJsonString());

        await WaitForTextAsync(page.Locator("#simklWho"), "Signed in to Jellyfin as alice (your Jellyfin session in this browser)");
        Assert.True(await page.Locator("#simklSignIn").IsHiddenAsync());
        Assert.True(await page.Locator("#simklSignOut").IsHiddenAsync());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");

        // The administrator turns the page off while it is open: the next action says so, and nothing is linked.
        var store = _host.Services.GetRequiredService<IPluginConfigurationStore>();
        store.Current.SelfServiceEnabled = false;
        store.Save(store.Current);
        await page.ClickAsync("#simklLink");
        await WaitForTextAsync(page.Locator("#simklOff"), "turned this page off");
        Assert.True(await page.Locator("#simklAccount").IsHiddenAsync());
        Assert.Empty(_host.Simkl.Requests);
        Assert.Empty(_browserErrors);
    }

    [Fact]
    public async Task At_phone_width_and_under_a_base_url_a_user_signs_in_and_links_and_nothing_scrolls_sideways()
    {
        var requests = new List<string>();
        var page = await OpenAsync(viewport: new ViewportSize { Width = 390, Height = 844 }, basePath: AdminApiHost.BasePath);
        page.Request += (_, request) => requests.Add(new Uri(request.Url).AbsolutePath);
        await page.FillAsync("#simklUserName", "alice");
        await page.FillAsync("#simklPassword", AlicePassword);
        await page.ClickAsync("#simklSignIn button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");

        await page.ClickAsync("#simklLink");
        var code = await WaitForTextAsync(page.Locator("#simklCode"), string.Empty);
        _host.Simkl.Approve(code, _simklAlice);
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at phone width.");
        await ScreenshotAsync(page, "self-service-phone.png");
        Assert.Empty(_browserErrors);
        Assert.Contains(AdminApiHost.BasePath + "/Users/AuthenticateByName", requests);

        // The page's script imports what it shares with the config page relative to itself, so from under the base URL.
        var loaded = await page.EvaluateAsync<string[]>("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
        Assert.Contains(AdminApiHost.BasePath + "/Simkl/Me/userPanel.js", loaded);
        Assert.All(requests, path => Assert.StartsWith(AdminApiHost.BasePath + "/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_setting_off_the_page_says_so_and_offers_no_sign_in()
    {
        var store = _host.Services.GetRequiredService<IPluginConfigurationStore>();
        store.Current.SelfServiceEnabled = false;
        store.Save(store.Current);

        var page = await OpenAsync();

        await WaitForTextAsync(page.Locator("#simklOff"), "turned this page off");
        Assert.True(await page.Locator("#simklSignIn").IsHiddenAsync());
        Assert.True(await page.Locator("#simklAccount").IsHiddenAsync());
    }

    private async Task<IPage> OpenAsync(ViewportSize? viewport = null, string? localStorage = null, string basePath = "")
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = viewport ?? new ViewportSize { Width = 1000, Height = 1200 } });

        // Init scripts come through the debugging protocol, so the page's strict policy does not block them.
        await context.AddInitScriptAsync("window.SimklPinPollIntervalMs = 250;");
        if (localStorage is not null)
        {
            await context.AddInitScriptAsync($"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem('jellyfin_credentials', {System.Text.Json.JsonSerializer.Serialize(localStorage)}); sessionStorage.setItem('seeded', '1'); }}");
        }

        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // Refused requests (a wrong password, a rejected value) are expected; a blocked script or style is not.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _browserErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _browserErrors.Add(error);
        await page.GotoAsync(new Uri(_host.BaseUrl, basePath + "/Simkl/Me").ToString());

        // A polled predicate would need eval, which the page's policy forbids: wait on a selector instead.
        await page.Locator("#simklSelfService[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ConfigPageBrowserTests.ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConfigPageBrowserTests.ArtifactsDirectory, name), FullPage = true });
    }

    private Task<string> WaitForTextAsync(ILocator locator, string expected) => BrowserWait.ForTextAsync(_host, locator, expected);
}
