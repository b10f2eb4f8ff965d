using System;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>The tracking engine as the server's container builds it: one of each, and the replayer runs as a hosted service.</summary>
public sealed class PlaybackServiceCollectionExtensionsTests
{
    [Fact]
    public void One_tracker_one_outbox_and_the_hosted_service_is_that_same_replayer()
    {
        using var provider = Services().AddPlaybackTracking().BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<PlaybackTracker>(), provider.GetRequiredService<PlaybackTracker>());
        Assert.Same(provider.GetRequiredService<CompletionOutbox>(), provider.GetRequiredService<CompletionOutbox>());
        Assert.Same(provider.GetRequiredService<OutboxDelivery>(), provider.GetRequiredService<OutboxDelivery>());
        Assert.Same(provider.GetRequiredService<SimklMediaResolver>(), provider.GetRequiredService<SimklMediaResolver>());
        Assert.Same(provider.GetRequiredService<OutboxReplayer>(), Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public void The_rules_default_to_the_documented_ones_and_rules_given_first_are_kept()
    {
        var strict = new PlaybackTrackingOptions { ConfirmAfter = TimeSpan.FromSeconds(5) };
        var small = new CompletionOutboxOptions { MaxEntries = 10 };
        using var defaults = Services().AddPlaybackTracking().BuildServiceProvider();
        var services = Services();
        services.AddSingleton(strict);
        services.AddSingleton(small);
        using var given = services.AddPlaybackTracking().BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(20), defaults.GetRequiredService<PlaybackTrackingOptions>().ConfirmAfter);
        Assert.Equal(5_000, defaults.GetRequiredService<CompletionOutboxOptions>().MaxEntries);
        Assert.Same(strict, given.GetRequiredService<PlaybackTrackingOptions>());
        Assert.Same(small, given.GetRequiredService<CompletionOutboxOptions>());
        Assert.Single(services, d => d.ServiceType == typeof(PlaybackTrackingOptions));
    }

    [Fact]
    public void Registering_without_services_is_refused()
        => Assert.Throws<ArgumentNullException>(() => PlaybackServiceCollectionExtensions.AddPlaybackTracking(null!));

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Substitute.For<ISimklClient>());
        services.AddSingleton(Substitute.For<ISimklAccountStore>());
        services.AddSingleton(Substitute.For<IActivityLog>());
        services.AddSingleton(Substitute.For<IPluginConfigurationStore>());
        services.AddSingleton(Substitute.For<IUserTrackingOptionsSource>());
        return services;
    }
}
