using System;
using MediaBrowser.Common.Plugins;
using MediaBrowser.Model.Plugins;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// Hands the plugin instance to the services of the container.
/// </summary>
/// <remarks>
/// The server builds its container first and creates the plugin afterwards (injecting this store), so the
/// plugin attaches itself here; hosted services start only after that. No static instance is involved.
/// </remarks>
public sealed class PluginConfigurationStore : IPluginConfigurationStore
{
    private readonly object _updating = new();
    private BasePlugin<PluginConfiguration>? _plugin;

    /// <inheritdoc />
    public event EventHandler<PluginConfiguration>? Changed;

    /// <inheritdoc />
    public PluginConfiguration Current => Plugin.Configuration;

    /// <inheritdoc />
    public string DataFolderPath => Plugin.DataFolderPath;

    private BasePlugin<PluginConfiguration> Plugin =>
        _plugin ?? throw new InvalidOperationException("The Simkl plugin has not been created by the server yet.");

    /// <summary>Connects the store to the plugin instance the server created.</summary>
    /// <param name="plugin">The plugin.</param>
    public void Attach(BasePlugin<PluginConfiguration> plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (_plugin is not null)
        {
            _plugin.ConfigurationChanged -= OnConfigurationChanged;
        }

        _plugin = plugin;
        plugin.ConfigurationChanged += OnConfigurationChanged;
    }

    /// <inheritdoc />
    public void Save(PluginConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // UpdateConfiguration persists and raises ConfigurationChanged, which raises Changed.
        Plugin.UpdateConfiguration(configuration);
    }

    /// <inheritdoc />
    public void Update(Action<PluginConfiguration> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_updating)
        {
            var configuration = Current;
            change(configuration);
            Plugin.UpdateConfiguration(configuration);
        }
    }

    private void OnConfigurationChanged(object? sender, BasePluginConfiguration configuration)
    {
        if (configuration is PluginConfiguration current)
        {
            Changed?.Invoke(this, current);
        }
    }
}
