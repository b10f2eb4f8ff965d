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
}
