using System.Diagnostics.CodeAnalysis;
using MediaBrowser.Model.Plugins;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// The plugin's settings as the server stores them (XML in the plugin configuration folder).
/// </summary>
/// <remarks>
/// The server hands this whole object to an administrator's browser (<c>GET /Plugins/{id}/Configuration</c>),
/// so it must never hold a secret: Simkl tokens live in the plugin's data folder instead.
/// </remarks>
public class PluginConfiguration : BasePluginConfiguration
{
    /// <summary>The Simkl API host used when none is configured.</summary>
    public const string DefaultSimklApiBaseUrl = "https://api.simkl.com";

    /// <summary>
    /// Gets or sets the client id of the Simkl app the server identifies itself as.
    /// Empty means the id built into the release (see <see cref="PluginBuildInfo.DefaultClientId"/>).
    /// </summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the Simkl API base URL (an advanced setting, for tests and proxies).</summary>
    public string SimklApiBaseUrl { get; set; } = DefaultSimklApiBaseUrl;

    /// <summary>Gets or sets how much the plugin writes to the server log.</summary>
    public DiagnosticsVerbosity Diagnostics { get; set; } = DiagnosticsVerbosity.Normal;

    /// <summary>
    /// Gets or sets a value indicating whether users can link their own Simkl account on the self-service page
    /// (<c>/Simkl/Me</c>). When off, the page says so and its endpoints answer 403.
    /// </summary>
    public bool SelfServiceEnabled { get; set; } = true;

    /// <summary>Gets or sets the per-user settings, one entry per Jellyfin user who has any.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The server's XML and JSON serializers need a settable array.")]
    public UserConfiguration[] Users { get; set; } = [];
}
