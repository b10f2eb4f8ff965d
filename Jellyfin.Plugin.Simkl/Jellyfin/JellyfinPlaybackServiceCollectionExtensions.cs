using System;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Registers the thin Jellyfin layer: the event subscriber, its queue, the item mapper, the loop, and the user and library directories.
/// </summary>
public static class JellyfinPlaybackServiceCollectionExtensions
{
    /// <summary>Adds the services that turn Jellyfin playback events into tracker events.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddJellyfinPlaybackEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IUserDirectory, JellyfinUserDirectory>();
        services.AddSingleton<ILibraryDirectory, JellyfinLibraryDirectory>();
        services.AddSingleton<PlaybackSignalQueue>();
        services.AddSingleton<ItemMapper>();
        services.AddSingleton<PlaybackSignalProcessor>();
        services.AddSingleton<PlaybackEventSubscriber>();
        services.AddHostedService(provider => provider.GetRequiredService<PlaybackSignalProcessor>());
        services.AddHostedService(provider => provider.GetRequiredService<PlaybackEventSubscriber>());
        return services;
    }
}
