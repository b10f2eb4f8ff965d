using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Tests.Api;
using Jellyfin.Plugin.Simkl.Tests.FakeSimkl;
using Microsoft.Playwright;

namespace Jellyfin.Plugin.Simkl.Tests.Browser;

/// <summary>
/// Drives the real configuration page in Debian's headless Chromium against the in-process host (real controller,
/// real Simkl client, fake Simkl on simulated time). Fails, never skips, when Chromium is missing: CI installs it.
/// </summary>
public sealed class ConfigPageBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly LocatorAssertionsToContainTextOptions Patience = new() { Timeout = 20_000 };

    private AdminTestHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run 'apt-get install -y chromium' (.ci/run does). The config page browser test cannot run without it.");
        }

        // Never fetch a browser build: the test uses the system's Chromium only.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _host = await AdminTestHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });

        // Phone width: the page must be usable there.
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_administrator_links_a_user_saves_options_and_unlinks_on_the_page()
    {
        var simklUser = _host.Simkl.AddUser("AliceOnSimkl");
        await OpenAsync();
        await Assertions.Expect(_page.Locator(".simklPoweredBy")).ToHaveAttributeAsync("href", "https://simkl.com/");
        await Assertions.Expect(_page.Locator(".simklNoClientId")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator(".simklLinkState")).ToContainTextAsync("alice is not linked", Patience);

        // Link: the code is shown large, the server polls Simkl, the page polls the server.
        await _page.ClickAsync(".simklLinkButton");
        await _host.Time.RunAsync(Assertions.Expect(_page.Locator(".simklPinCode")).ToHaveTextAsync(new Regex("^P\\d{4}$"), new() { Timeout = 20_000 }));
        var code = await _page.Locator(".simklPinCode").TextContentAsync();
        Assert.Contains(code!, _host.Simkl.IssuedPinCodes());
        await Assertions.Expect(_page.Locator(".simklVerificationLink")).ToHaveAttributeAsync("href", "https://simkl.com/pin/");
        await Assertions.Expect(_page.Locator(".simklCountdown")).ToHaveTextAsync(new Regex("^1[45]:\\d\\d$"));
        _host.Simkl.Approve(code!, simklUser);
        await _host.Time.RunAsync(Assertions.Expect(_page.Locator(".simklLinkState")).ToContainTextAsync("Connected as AliceOnSimkl", Patience));
        await Assertions.Expect(_page.Locator(".simklPinPanel")).ToBeHiddenAsync();
        Assert.True(_host.Accounts.IsTracking(AdminTestHost.AliceId));
        Assert.DoesNotContain(simklUser.Token, await _page.ContentAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("config-page-linked.png");

        // Options: a bad value is refused on the page and stored nowhere; a good one is saved and read back.
        await _page.FillAsync("[name=completionThresholdPercent]", "101");
        await _page.ClickAsync(".simklSaveOptions");
        await Assertions.Expect(_page.Locator(".simklOptionsMessage")).ToContainTextAsync("between 1 and 100", Patience);
        Assert.Empty(_host.Configuration.Users);
        await _page.FillAsync("[name=completionThresholdPercent]", "90");
        await _page.FillAsync("[name=minimumDurationSeconds]", "600");
        await _page.Locator(".simklExcludedLibraries label", new() { HasText = "Movies" }).Locator("input").CheckAsync();
        await _page.Locator("[name=trackAnime]").UncheckAsync();
        await _page.ClickAsync(".simklSaveOptions");
        await Assertions.Expect(_page.Locator(".simklOptionsMessage")).ToContainTextAsync("Options saved.", Patience);
        var stored = Assert.Single(_host.Configuration.Users);
        Assert.Equal(90, stored.CompletionThresholdPercent);
        Assert.Equal([AdminTestHost.MoviesLibraryId], stored.ExcludedLibraryIds);
        Assert.False(stored.TrackAnime);
        await OpenAsync();
        await Assertions.Expect(_page.Locator("[name=completionThresholdPercent]")).ToHaveValueAsync("90", new() { Timeout = 20_000 });
        await Assertions.Expect(_page.Locator("[name=minimumDurationSeconds]")).ToHaveValueAsync("600");
        await Assertions.Expect(_page.Locator(".simklExcludedLibraries label", new() { HasText = "Movies" }).Locator("input")).ToBeCheckedAsync();
        await Assertions.Expect(_page.Locator("[name=trackAnime]")).Not.ToBeCheckedAsync();

        // Unlink.
        await _page.ClickAsync(".simklUnlinkButton");
        await Assertions.Expect(_page.Locator(".simklLinkMessage")).ToContainTextAsync("alice was unlinked.", Patience);
        await Assertions.Expect(_page.Locator(".simklLinkState")).ToContainTextAsync("alice is not linked");
        Assert.Null(_host.Accounts.Find(AdminTestHost.AliceId));
    }

    [Fact]
    public async Task The_page_explains_each_problem()
    {
        // Link broken.
        await _host.Accounts.LinkAsync(AdminTestHost.BobId, new SimklToken("secret-bob"), "Bobby", CancellationToken.None);
        await _host.Accounts.MarkBrokenAsync(AdminTestHost.BobId, CancellationToken.None);
        await OpenAsync();
        await _page.SelectOptionAsync(".simklUser", AdminTestHost.BobId.ToString());
        await Assertions.Expect(_page.Locator(".simklLinkMessage")).ToContainTextAsync("Link broken", Patience);

        // Code expired.
        await _page.SelectOptionAsync(".simklUser", AdminTestHost.AliceId.ToString());
        _host.Simkl.PinExpiresIn = TimeSpan.FromSeconds(30);
        await _page.ClickAsync(".simklLinkButton");
        await _host.Time.RunAsync(Assertions.Expect(_page.Locator(".simklPinCode")).ToHaveTextAsync(new Regex("^P\\d{4}$"), new() { Timeout = 20_000 }));
        await _host.Time.AdvanceAsync(TimeSpan.FromSeconds(40));
        await _host.Time.RunAsync(Assertions.Expect(_page.Locator(".simklLinkMessage")).ToContainTextAsync("Code expired", Patience));

        // Simkl unreachable.
        _host.Simkl.Down = true;
        await _page.ClickAsync(".simklLinkButton");
        await _host.Time.RunAsync(Assertions.Expect(_page.Locator(".simklLinkMessage")).ToContainTextAsync("Simkl unreachable", Patience));
        _host.Simkl.Down = false;

        // No client id.
        if (string.IsNullOrEmpty(Simkl.Configuration.PluginBuildInfo.DefaultClientId))
        {
            _host.Configuration.ClientId = string.Empty;
            await OpenAsync();
            await Assertions.Expect(_page.Locator(".simklNoClientId")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await _page.ClickAsync(".simklLinkButton");
            await Assertions.Expect(_page.Locator(".simklLinkMessage")).ToContainTextAsync("No Simkl client id is set", Patience);
            await ScreenshotAsync("config-page-no-client-id.png");

            // Pasting an id in the settings form clears the message.
            await _page.FillAsync("[name=ClientId]", FakeSimklServer.ClientId);
            await _page.ClickAsync(".simklSettingsForm button[type=submit]");
            await Assertions.Expect(_page.Locator(".simklNoClientId")).ToBeHiddenAsync(new() { Timeout = 20_000 });
            Assert.Equal(FakeSimklServer.ClientId, _host.Configuration.ClientId);
        }
    }

    private async Task OpenAsync()
    {
        await _page.GotoAsync(new Uri(_host.BaseUrl, "web/shell.html").ToString());
        await _page.Locator("body[data-shell-ready=true]").WaitForAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(_page.Locator(".simklUserPanel")).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    private async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
