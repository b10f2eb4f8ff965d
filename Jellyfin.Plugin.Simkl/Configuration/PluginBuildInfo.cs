using System.Linq;
using System.Reflection;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// Facts fixed when the plugin was built.
/// </summary>
public static class PluginBuildInfo
{
    /// <summary>The name the plugin gives Simkl in <c>app-name</c> and its User-Agent.</summary>
    public const string AppName = "jellyfin-simkl";

    /// <summary>Gets the plugin's version, as Simkl's <c>app-version</c> shows it.</summary>
    public static string Version { get; } = typeof(PluginBuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Gets the Simkl client id a release build carries (<c>-p:SimklClientId=...</c> from CI secrets), or an
    /// empty string for builds without one, where the administrator pastes their own app's id.
    /// </summary>
    public static string DefaultClientId { get; } = typeof(PluginBuildInfo).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SimklClientId")?.Value ?? string.Empty;
}
