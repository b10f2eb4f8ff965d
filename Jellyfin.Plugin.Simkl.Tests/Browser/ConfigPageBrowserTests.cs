using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jellyfin.Plugin.Simkl.Tests.Browser;

/// <summary>
/// Drives the real config page in headless Chromium (Debian's, never a downloaded one) against the in-process host:
/// the real controller, the real client and the fake Simkl.
/// </summary>
public sealed class ConfigPageBrowserTests : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private AdminApiHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private User _alice = null!;
    private FakeSimklUser _simklAlice = null!;

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "TestArtifacts");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: run 'apt-get install -y chromium' (.ci/run does).");
        _host = await AdminApiHost.StartAsync(withClientId: false);
        _alice = _host.AddUser("alice");
        _host.AddUser("bob");
        _simklAlice = _host.Simkl.AddUser("alice-on-simkl");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_administrator_sets_the_client_id_links_a_user_saves_options_and_unlinks()
    {
        _host.Services.GetRequiredService<IActivityLog>().Record(new ActivityEntry(_alice.Id, _host.Time.GetUtcNow().AddMinutes(-5), "Heat (1995)", ActivityAction.MarkWatched, ActivityOutcome.Succeeded));
        var page = await OpenAsync();
        await WaitForTextAsync(page.Locator("#simklMessage"), "No Simkl client id is set");

        // What this page shares with the self-service page comes from the plugin's route for it.
        var loaded = await page.EvaluateAsync<string[]>("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
        Assert.Contains("/Simkl/Me/userPanel.js", loaded);

        await page.FillAsync("#simklClientId", FakeSimklServer.ClientId);
        await page.ClickAsync("#simklSettingsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklMessage"), "Settings saved");

        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");
        var activity = await WaitForTextAsync(page.Locator("#simklActivity"), "Heat (1995)");
        Assert.Contains("Marked watched", activity, StringComparison.Ordinal);
        await page.ClickAsync("#simklLink");
        var code = await WaitForTextAsync(page.Locator("#simklCode"), string.Empty);
        Assert.Matches("^[A-Z0-9]{4,}$", code);
        Assert.Equal("https://simkl.com/pin/", await page.GetAttributeAsync("#simklVerificationUrl", "href"));
        var countdown = await page.InnerTextAsync("#simklCountdown");
        Assert.Matches("^1[45]:[0-5][0-9]$", countdown);
        Assert.Matches("^1[45]:[0-5][0-9]$", await BrowserWait.ForChangeAsync(page.Locator("#simklCountdown"), countdown));

        _host.Simkl.Approve(code, _simklAlice);
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        Assert.True(await page.Locator("#simklPin").IsHiddenAsync());
        Directory.CreateDirectory(ArtifactsDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, "config-page-linked.png"), FullPage = true });

        // A value the validator refuses is reported on the page and not saved.
        await page.UncheckAsync("#simklTrackMovies");
        await page.FillAsync("#simklThreshold", "150");
        await page.ClickAsync("#simklOptionsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklOptionsErrors"), "between 1 and 100");
        Assert.Equal(80, _host.Configuration.Users.SingleOrDefault()?.CompletionThresholdPercent ?? 80);

        await page.FillAsync("#simklThreshold", "70");
        await page.FillAsync("#simklMinimumMinutes", "5");
        await page.CheckAsync($"#simklExcludedLibraries input[value='{Guid.Parse(_host.Libraries[0].ItemId)}']");
        await page.ClickAsync("#simklOptionsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklMessage"), "Options saved for alice");

        // Read back after a reload.
        page = await OpenAsync();
        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        Assert.Equal("70", await page.InputValueAsync("#simklThreshold"));
        Assert.Equal("5", await page.InputValueAsync("#simklMinimumMinutes"));
        Assert.False(await page.IsCheckedAsync("#simklTrackMovies"));
        Assert.True(await page.IsCheckedAsync($"#simklExcludedLibraries input[value='{Guid.Parse(_host.Libraries[0].ItemId)}']"));
        var saved = _host.Configuration.Users.Single(u => u.UserId == _alice.Id);
        Assert.Equal((70, 300, false), (saved.CompletionThresholdPercent, saved.MinimumDurationSeconds, saved.TrackMovies));

        await page.ClickAsync("#simklUnlink");
        await WaitForTextAsync(page.Locator("#simklMessage"), "alice is no longer linked");
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Not linked");
        Assert.Null(_host.Accounts.Find(_alice.Id));
        Assert.DoesNotContain(_simklAlice.Token, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_switches_history_sync_on_previews_an_export_and_sees_the_last_runs()
    {
        _host.Configuration.ClientId = FakeSimklServer.ClientId;
        await _host.Accounts.LinkAsync(_alice.Id, new SimklToken(_simklAlice.Token), "alice-on-simkl", _simklAlice.AccountId, CancellationToken.None);
        var page = await OpenAsync();
        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        await WaitForTextAsync(page.Locator("#simklSyncRuns"), "Last export: never run.");

        await page.CheckAsync("#simklExportHistory");
        await page.CheckAsync("#simklFollowMarkPlayed");
        await page.ClickAsync("#simklOptionsForm button[type=submit]");
        await WaitForTextAsync(page.Locator("#simklMessage"), "Options saved for alice");
        var saved = _host.Configuration.Users.Single(u => u.UserId == _alice.Id);
        Assert.Equal((true, false, true, false), (saved.ExportHistory, saved.ImportHistory, saved.FollowMarkPlayed, saved.AllowUnmark));

        // The preview asks Simkl what it has and sends nothing.
        await page.ClickAsync("#simklSyncPreview");
        await WaitForTextAsync(page.Locator("#simklSyncResult"), "An export would send 0 watches");
        Assert.DoesNotContain(_host.Simkl.Requests, r => r.Path == "/sync/history");

        await page.ClickAsync("#simklSyncImport");
        await WaitForTextAsync(page.Locator("#simklSyncResult"), "Import");
        await WaitForTextAsync(page.Locator("#simklSyncRuns"), "Last import (");

        // Saving the tracking options again keeps the sync switches (read back after a reload).
        page = await OpenAsync();
        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Connected as alice-on-simkl");
        Assert.True(await page.IsCheckedAsync("#simklExportHistory"));
        Assert.False(await page.IsCheckedAsync("#simklImportHistory"));
        Assert.True(await page.IsCheckedAsync("#simklFollowMarkPlayed"));
    }

    [Fact]
    public async Task The_page_explains_an_expired_code_an_unreachable_simkl_and_a_broken_link()
    {
        var store = _host.Services.GetRequiredService<IPluginConfigurationStore>();
        store.Current.ClientId = FakeSimklServer.ClientId;
        store.Save(store.Current);
        var page = await OpenAsync();
        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklActivity"), "Nothing yet.");

        _host.Simkl.PinExpiresIn = TimeSpan.FromSeconds(20);
        await page.ClickAsync("#simklLink");
        await WaitForTextAsync(page.Locator("#simklCode"), string.Empty);
        await WaitForTextAsync(page.Locator("#simklMessage"), "expired");

        _host.Simkl.Down = true;
        await page.ClickAsync("#simklLink");
        await WaitForTextAsync(page.Locator("#simklMessage"), "cannot be reached");
        _host.Simkl.Down = false;

        await _host.Accounts.LinkAsync(_alice.Id, new SimklToken(_simklAlice.Token), "alice-on-simkl", _simklAlice.AccountId, CancellationToken.None);
        await _host.Accounts.MarkBrokenAsync(_alice.Id, _host.Accounts.Find(_alice.Id)!.Token, CancellationToken.None);
        page = await OpenAsync();
        await page.SelectOptionAsync("#simklUser", _alice.Id.ToString());
        await WaitForTextAsync(page.Locator("#simklLinkState"), "Link broken");
        Assert.Contains("(link broken)", await page.InnerTextAsync("#simklUser"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_fits_a_phone_screen_and_shows_the_simkl_attribution()
    {
        var page = await OpenAsync(new ViewportSize { Width = 390, Height = 844 });

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at phone width.");
        Assert.Equal("https://simkl.com/", await page.GetAttributeAsync("a:has-text('Powered by Simkl')", "href"));
        Assert.Equal(0, await page.Locator("#simklConfigurationPage script").CountAsync());
    }

    [Fact]
    public async Task Every_link_uses_the_dark_themes_link_style_and_the_self_service_address_can_be_copied()
    {
        var page = await OpenAsync();

        // The dashboard's dark theme colours only .button-link; a plain link stays the browser's dark blue on black.
        var colours = await page.EvalOnSelectorAllAsync<string[]>("#simklConfigurationPage a", "links => links.map(a => a.className + ' ' + getComputedStyle(a).color)");
        Assert.NotEmpty(colours);
        Assert.All(colours, c => Assert.Equal("button-link rgb(0, 164, 220)", c));

        var address = await page.InputValueAsync("#simklSelfServiceUrl");
        Assert.Equal(new Uri(_host.BaseUrl, "Simkl/Me").ToString(), address);
        Assert.Equal(address, await page.GetAttributeAsync("#simklOpenSelfService", "href"));
        Assert.True(await page.IsCheckedAsync("#simklSelfServiceEnabled"));
        await page.ClickAsync("#simklCopySelfServiceUrl");
        await WaitForTextAsync(page.Locator("#simklMessage"), "copied");

        await page.UncheckAsync("#simklSelfServiceEnabled");
        await WaitForTextAsync(page.Locator("#simklMessage"), "self-service page is off");
        Assert.False(_host.Configuration.SelfServiceEnabled);
    }

    private async Task<IPage> OpenAsync(ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = "admin" },
            ViewportSize = viewport ?? new ViewportSize { Width = 1000, Height = 1200 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_host.BaseUrl, AdminApiHost.ShellPath).ToString());
        await page.WaitForFunctionAsync("window.simklPageReady === true && document.querySelectorAll('#simklUser option').length > 0");
        return page;
    }

    private Task<string> WaitForTextAsync(ILocator locator, string expected) => BrowserWait.ForTextAsync(_host, locator, expected);
}
