using System;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Registers the Jellyfin-free history-sync core. The Jellyfin layer adds <see cref="IWatchHistoryLibrary"/>.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds export, import and the mark-played follower (after <c>AddSimklApi</c>, before the Jellyfin layer's
    /// fallbacks, which only fill in what is missing).
    /// </summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddHistorySync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(new SyncOptions());

        // The typed client is one SimklClient: the sync calls share its pipeline, pace and write lanes.
        services.AddTransient<ISimklSyncClient>(provider => (SimklClient)provider.GetRequiredService<ISimklClient>());
        services.AddSingleton<IUserSyncOptionsSource, UserSyncOptionsSource>();
        services.AddSingleton<SyncStateStore>();
        services.AddSingleton<ImportEchoGuard>();
        services.AddSingleton<IRecentCompletions, RecentCompletions>();
        services.AddSingleton<HistorySyncEngine>();
        services.AddSingleton<HistorySyncRunner>();
        services.AddSingleton<IHistoryExportRunner>(provider => provider.GetRequiredService<HistorySyncRunner>());
        services.AddSingleton<IHistoryImportRunner>(provider => provider.GetRequiredService<HistorySyncRunner>());
        services.AddSingleton<IUserHistorySync>(provider => provider.GetRequiredService<HistorySyncRunner>());
        services.AddSingleton<PlayedStateFollower>();
        services.AddSingleton<IPlayedStateChangeSink>(provider => provider.GetRequiredService<PlayedStateFollower>());
        services.AddHostedService(provider => provider.GetRequiredService<PlayedStateFollower>());
        return services;
    }
}
