using System;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Controller;
using MediaBrowser.Controller.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl;

/// <summary>
/// Registers the plugin's services with the server's container. The server creates this class with its
/// parameterless constructor before the container is built.
/// </summary>
public class PluginServiceRegistrator : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection serviceCollection, IServerApplicationHost applicationHost)
    {
        ArgumentNullException.ThrowIfNull(serviceCollection);
        ArgumentNullException.ThrowIfNull(applicationHost);

        serviceCollection.TryAddSingleton(TimeProvider.System);
        serviceCollection.AddSingleton<PluginConfigurationStore>();
        serviceCollection.AddSingleton<IPluginConfigurationStore>(provider => provider.GetRequiredService<PluginConfigurationStore>());
        serviceCollection.AddSingleton<IUserTrackingOptionsSource, UserTrackingOptionsSource>();

        serviceCollection.AddSimklApi(applicationHost.ApplicationVersionString);
        serviceCollection.AddSimklAccounts();
        serviceCollection.AddActivityLog();
        serviceCollection.AddPlaybackTracking();
        serviceCollection.AddJellyfinPlaybackEvents();
        serviceCollection.AddSimklAdminApi();
        serviceCollection.AddHistorySync();
        serviceCollection.AddJellyfinHistorySync();
    }
}
