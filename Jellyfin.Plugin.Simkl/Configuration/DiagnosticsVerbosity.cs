namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// How much the plugin writes to the server log.
/// </summary>
public enum DiagnosticsVerbosity
{
    /// <summary>Outcomes and problems only.</summary>
    Normal = 0,

    /// <summary>Also every request to Simkl and every tracking decision (tokens are always redacted).</summary>
    Verbose = 1,
}
