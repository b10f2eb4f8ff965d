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

    /// <summary>
    /// Changes the configuration in effect and persists it, one change at a time: two users' options saved at once
    /// both land (a read-modify-write through <see cref="Current"/> and <see cref="Save"/> could lose one).
    /// </summary>
    /// <param name="change">Changes the configuration it is given.</param>
    void Update(Action<PluginConfiguration> change);
}
