using System;
using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>Reads the Simkl address and client id from the plugin configuration on every request.</summary>
internal sealed class PluginSimklConnectionSettings : ISimklConnectionSettings
{
    private readonly IPluginConfigurationStore _store;

    public PluginSimklConnectionSettings(IPluginConfigurationStore store) => _store = store;

    public Uri BaseUrl
        => Uri.TryCreate(_store.Current.SimklApiBaseUrl?.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : new Uri(PluginConfiguration.DefaultSimklApiBaseUrl);

    public string ClientId
        => string.IsNullOrWhiteSpace(_store.Current.ClientId) ? PluginBuildInfo.DefaultClientId : _store.Current.ClientId.Trim();
}
