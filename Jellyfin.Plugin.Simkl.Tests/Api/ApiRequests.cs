using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// Requests to the plugin's routes as the pages send them. The administrator's page and the self-service page save a
/// user's options in the same shape, so both controllers' tests build that body here.
/// </summary>
public static class ApiRequests
{
    /// <summary>
    /// A request to <paramref name="route"/> (relative to the server) that the route would accept: a PUT carries valid
    /// settings or valid options, so a refusal can only come from who is asking.
    /// </summary>
    public static HttpRequestMessage To(string method, string route)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(route, UriKind.Relative));
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(route.EndsWith("Settings", StringComparison.Ordinal)
                ? new JsonObject { ["clientId"] = FakeSimklServer.ClientId, ["simklApiBaseUrl"] = "https://api.simkl.com", ["diagnostics"] = "Normal" }
                : Options(threshold: 80, minimumSeconds: 0, excluded: []));
        }

        return request;
    }

    /// <summary>A user's tracking options (movies and shows tracked, anime not) as the body of <c>PUT .../Options</c>.</summary>
    public static JsonObject Options(int threshold, int minimumSeconds, Guid[] excluded) => new()
    {
        ["trackingEnabled"] = true,
        ["trackMovies"] = true,
        ["trackShows"] = true,
        ["trackAnime"] = false,
        ["excludedLibraryIds"] = new JsonArray(excluded.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
        ["animeLibraryIds"] = new JsonArray(),
        ["minimumDurationSeconds"] = minimumSeconds,
        ["completionThresholdPercent"] = threshold,
    };
}
