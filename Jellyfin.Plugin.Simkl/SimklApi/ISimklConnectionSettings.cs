using System;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>Where Simkl is and which app the plugin is, read fresh for every request so a saved change applies at once.</summary>
public interface ISimklConnectionSettings
{
    /// <summary>Gets the API's base address, without a trailing slash.</summary>
    Uri BaseUrl { get; }

    /// <summary>Gets the Simkl app's client id, or an empty string when none is configured.</summary>
    string ClientId { get; }

    /// <summary>Gets a value indicating whether every answer from Simkl is logged at Information level (Debug otherwise).</summary>
    bool VerboseLogging { get; }
}
