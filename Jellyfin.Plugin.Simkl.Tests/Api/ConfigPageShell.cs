using System;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// The smallest dashboard the config page needs: the <c>ApiClient</c> and <c>Dashboard</c> globals, the page's HTML as
/// the server serves it, and its controller module loaded the way the dashboard loads it.
/// </summary>
public static class ConfigPageShell
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Dashboard</title>
          <style>
            body { font-family: sans-serif; background: #101010; color: #eee; margin: 0; padding: 1em; }
            /* As the dark theme: only the dashboard's link class is coloured. */
            html { color: rgba(255, 255, 255, 0.8); } .button-link { color: #00a4dc; } input, select, button { font-size: 1em; margin: 0.2em 0; }
            .sectionTitle { margin-top: 1.2em; } .fieldDescription { color: #aaa; font-size: 0.9em; }
            .inputLabel, .selectLabel { display: block; margin-top: 0.6em; }
            .button-submit { background: #00a4dc; color: white; border: 0; padding: 0.5em 1em; border-radius: 0.2em; }
          </style>
          <script>
            window.SimklPinPollIntervalMs = 250;
            window.ApiClient = {
              getUrl: (path) => '/' + path.replace(/^\//, ''),
              fetch: async (options) => {
                const response = await fetch(options.url, {
                  method: options.type || 'GET',
                  body: options.data,
                  headers: options.contentType ? { 'Content-Type': options.contentType } : {}
                });
                if (!response.ok) { throw response; }
                return options.dataType === 'json' ? response.json() : response;
              }
            };
            window.Dashboard = {
              loading: 0,
              showLoadingMsg() { this.loading++; },
              hideLoadingMsg() { this.loading--; },
              alert(message) { console.log(message); }
            };
          </script>
        </head>
        <body>
          <div id="host"></div>
          <script type="module">
            const html = await (await fetch('/web/configurationpage?name=SimklScrobbler')).text();
            const page = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-role="page"]');
            document.getElementById('host').append(page);
            const controller = page.getAttribute('data-controller').replace('__plugin/', '');
            const module = await import('/web/configurationpage?name=' + encodeURIComponent(controller));
            // As the dashboard: the controller is constructed with new, then the page is shown at once.
            new module.default(page, {});
            page.dispatchEvent(new CustomEvent('viewshow'));
            window.simklPageReady = true;
          </script>
        </body>
        </html>
        """;

    /// <summary>Serves one of the plugin's pages from its embedded resources, as the server does.</summary>
    public static IResult EmbeddedPage(Plugin plugin, string name)
    {
        var page = plugin.GetPages().FirstOrDefault(p => p.Name == name);
        if (page is null)
        {
            return Results.NotFound();
        }

        var stream = typeof(Plugin).Assembly.GetManifestResourceStream(page.EmbeddedResourcePath)
            ?? throw new InvalidOperationException("Missing embedded resource " + page.EmbeddedResourcePath);
        var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/html";
        using var reader = new StreamReader(stream);
        return Results.Content(reader.ReadToEnd(), type);
    }
}
