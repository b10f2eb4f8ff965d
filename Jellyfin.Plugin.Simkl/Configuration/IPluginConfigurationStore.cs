using System;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// The plugin's configuration and data folder, for services the container creates.
/// </summary>
public interface IPluginConfigurationStore
{
    /// <summary>Raised after the configuration was replaced, by this store or by the server's own endpoint.</summary>
    event EventHandler<PluginConfiguration>? Changed;

    /// <summary>Gets the configuration in effect.</summary>
    PluginConfiguration Current { get; }

    /// <summary>Gets the folder where the plugin keeps its own state (tokens, outbox, activity).</summary>
    string DataFolderPath { get; }

    /// <summary>Persists a new configuration and makes it current.</summary>
    /// <param name="configuration">The configuration to store.</param>
    void Save(PluginConfiguration configuration);
}
