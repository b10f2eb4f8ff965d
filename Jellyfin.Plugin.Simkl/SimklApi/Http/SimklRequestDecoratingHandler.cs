using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Microsoft.AspNetCore.WebUtilities;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// The one place that makes a request Simkl-shaped: absolute URL on the configured base, <c>client_id</c>,
/// <c>app-name</c> and <c>app-version</c> on every query string, the User-Agent, the API key header and the user's token.
/// </summary>
internal sealed class SimklRequestDecoratingHandler : DelegatingHandler
{
    internal static readonly Uri PlaceholderBase = new("http://simkl.invalid/");

    private readonly ISimklConnectionSettings _settings;
    private readonly SimklUserAgent _userAgent;

    public SimklRequestDecoratingHandler(ISimklConnectionSettings settings, SimklUserAgent userAgent)
    {
        _settings = settings;
        _userAgent = userAgent;
    }

    internal static Uri BuildUri(Uri baseUrl, Uri? relative, string clientId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = relative is null ? string.Empty : relative.IsAbsoluteUri ? relative.PathAndQuery : relative.OriginalString;
        var query = string.Empty;
        var queryStart = path.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = path[queryStart..];
            path = path[..queryStart];
        }

        // Simkl answers an empty body when a slash precedes the query string, so none is ever left there.
        var absolute = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path.Trim('/');
        absolute = absolute.TrimEnd('/') + query;
        absolute = QueryHelpers.AddQueryString(absolute, "client_id", clientId);
        absolute = QueryHelpers.AddQueryString(absolute, "app-name", PluginBuildInfo.AppName);
        absolute = QueryHelpers.AddQueryString(absolute, "app-version", PluginBuildInfo.Version);
        return new Uri(absolute, UriKind.Absolute);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clientId = _settings.ClientId;
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new SimklConfigurationException("No Simkl client id is configured. Create an app at https://simkl.com/settings/developer/ and paste its client id on the plugin page.");
        }

        request.RequestUri = BuildUri(_settings.BaseUrl, request.RequestUri, clientId);
        request.Headers.UserAgent.Clear();
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent.Value);
        request.Headers.Remove("simkl-api-key");
        request.Headers.TryAddWithoutValidation("simkl-api-key", clientId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Options.TryGetValue(SimklRequestOptions.Token, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
