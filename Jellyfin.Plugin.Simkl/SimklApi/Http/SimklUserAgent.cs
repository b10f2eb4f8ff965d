using Jellyfin.Plugin.Simkl.Configuration;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>The descriptive User-Agent Simkl asks for: the plugin, its version and the server's version.</summary>
/// <param name="ServerVersion">The Jellyfin server's version.</param>
internal sealed record SimklUserAgent(string ServerVersion)
{
    public string Value { get; } = $"{PluginBuildInfo.AppName}/{PluginBuildInfo.Version} (Jellyfin.Plugin.Simkl; Jellyfin {ServerVersion})";
}
