using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Tests.Api;
using Microsoft.Playwright;

namespace Jellyfin.Plugin.Simkl.Tests.Browser;

/// <summary>Waits for what a page shows while the host's simulated time runs (the server polls Simkl on it).</summary>
public static class BrowserWait
{
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the element is visible and shows the text; returns all its text.</summary>
    public static async Task<string> ForTextAsync(AdminApiHost host, ILocator locator, string expected)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = await locator.IsVisibleAsync() ? (await locator.InnerTextAsync()).Trim() : string.Empty;
            if (text.Length > 0 && text.Contains(expected, StringComparison.Ordinal))
            {
                return text;
            }

            if (watch.Elapsed > UiTimeout)
            {
                Assert.Fail($"The page never showed \"{expected}\"; it shows \"{text}\".");
            }

            await host.Time.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// Waits until the element shows something else than it did; returns what it shows then. Only the browser's clock
    /// runs meanwhile, for what the page counts itself (the PIN countdown).
    /// </summary>
    public static async Task<string> ForChangeAsync(ILocator locator, string before)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = (await locator.InnerTextAsync()).Trim();
            if (text != before)
            {
                return text;
            }

            if (watch.Elapsed > UiTimeout)
            {
                Assert.Fail($"The page kept showing \"{before}\".");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
