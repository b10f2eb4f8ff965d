using System;
using Jellyfin.Plugin.Simkl.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Registers the Jellyfin side of history sync: the watch-history library over Jellyfin's user data and item queries,
/// and the <c>UserDataSaved</c> subscriber with its queue and loop. The two scheduled tasks are not registered here:
/// Jellyfin creates every public <c>IScheduledTask</c> of the plugin itself, from this container.
/// </summary>
public static class JellyfinHistorySyncServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IWatchHistoryLibrary"/> and the "mark (un)played" follower.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddJellyfinHistorySync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ItemMapper>();
        services.AddSingleton<HistoryImportSaveScope>();
        services.AddSingleton<IWatchHistoryLibrary, JellyfinWatchHistoryLibrary>();
        services.AddSingleton<PlayedStateSignalQueue>();
        services.AddSingleton<PlayedStateChangeProcessor>();
        services.AddSingleton<UserDataSavedSubscriber>();
        services.AddHostedService(provider => provider.GetRequiredService<PlayedStateChangeProcessor>());
        services.AddHostedService(provider => provider.GetRequiredService<UserDataSavedSubscriber>());
        return services;
    }

    /// <summary>
    /// Fills in the sync core's services when no one registered them. Must be the registrator's last call: Jellyfin
    /// creates the scheduled tasks from the container, and a task it cannot create marks the whole plugin failed.
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddHistorySyncFallbacks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<HistorySyncUnavailable>();
        services.TryAddSingleton<IPlayedStateChangeSink>(provider => provider.GetRequiredService<HistorySyncUnavailable>());
        services.TryAddSingleton<IHistoryExportRunner>(provider => provider.GetRequiredService<HistorySyncUnavailable>());
        services.TryAddSingleton<IHistoryImportRunner>(provider => provider.GetRequiredService<HistorySyncUnavailable>());
        return services;
    }
}
