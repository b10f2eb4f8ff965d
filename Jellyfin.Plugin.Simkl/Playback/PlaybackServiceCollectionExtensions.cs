using System;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// Registers the scrobbling engine and its outbox.
/// </summary>
public static class PlaybackServiceCollectionExtensions
{
    /// <summary>Adds the tracker, the media resolver, the outbox and its replayer.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPlaybackTracking(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(new PlaybackTrackingOptions());
        services.TryAddSingleton(new CompletionOutboxOptions());
        services.AddSingleton<SimklMediaResolver>();
        services.AddSingleton<CompletionOutbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<PlaybackTracker>();
        services.AddSingleton<OutboxReplayer>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxReplayer>());
        return services;
    }
}
