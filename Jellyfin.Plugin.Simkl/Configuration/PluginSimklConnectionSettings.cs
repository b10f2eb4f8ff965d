using System;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>Reads the Simkl address and client id from the plugin configuration on every request.</summary>
internal sealed partial class PluginSimklConnectionSettings : ISimklConnectionSettings
{
    private static readonly Uri DefaultBaseUrl = new(PluginConfiguration.DefaultSimklApiBaseUrl);

    private readonly IPluginConfigurationStore _store;
    private readonly ILogger<PluginSimklConnectionSettings> _logger;
    private string? _lastRejectedBaseUrl;

    public PluginSimklConnectionSettings(IPluginConfigurationStore store, ILogger<PluginSimklConnectionSettings> logger)
    {
        _store = store;
        _logger = logger;
    }

    public Uri BaseUrl
    {
        get
        {
            var configured = _store.Current.SimklApiBaseUrl?.Trim();
            if (string.IsNullOrEmpty(configured))
            {
                return DefaultBaseUrl;
            }

            if (SimklApiAddress.IsAcceptable(configured, out var url))
            {
                return url;
            }

            // The settings page refuses such a value, so it came from a hand-edited file: say so once per value, not per request.
            if (!string.Equals(configured, _lastRejectedBaseUrl, StringComparison.Ordinal))
            {
                _lastRejectedBaseUrl = configured;
                LogRejectedBaseUrl(_logger, configured, PluginConfiguration.DefaultSimklApiBaseUrl);
            }

            return DefaultBaseUrl;
        }
    }

    public string ClientId
        => string.IsNullOrWhiteSpace(_store.Current.ClientId) ? PluginBuildInfo.DefaultClientId : _store.Current.ClientId.Trim();

    public bool VerboseLogging => _store.Current.Diagnostics == DiagnosticsVerbosity.Verbose;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The configured Simkl API address {Configured} is refused: it must be https (plain http only for this machine, 127.0.0.1 or localhost), since tokens travel with every call; using {Default} instead. Fix it on the plugin's settings page")]
    private static partial void LogRejectedBaseUrl(ILogger logger, string configured, string @default);
}
