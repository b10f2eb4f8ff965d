using System;
using System.IO;
using System.Linq;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

public sealed class PluginServiceRegistratorTests : IDisposable
{
    private readonly ServerContainer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Every_registered_service_resolves_in_a_container_built_as_the_server_builds_it()
    {
        _server.Build();

        var pluginServices = _server.Descriptors
            .Where(d => d.ServiceType.Assembly == typeof(Plugin).Assembly
                        || d.ImplementationType?.Assembly == typeof(Plugin).Assembly)
            .Select(d => d.ServiceType)
            .Where(t => !t.IsGenericTypeDefinition)
            .Distinct()
            .ToList();

        Assert.NotEmpty(pluginServices);
        foreach (var serviceType in pluginServices)
        {
            Assert.NotNull(_server.Provider.GetService(serviceType));
        }
    }

    [Fact]
    public void Hosted_services_resolve_and_none_of_them_is_the_plugin_class()
    {
        _server.Build();

        var hosted = _server.Provider.GetServices<IHostedService>().ToList();

        Assert.DoesNotContain(hosted, service => service is Plugin);
    }

    [Fact]
    public void Tracking_runs_as_hosted_services_and_the_loop_stops_after_the_event_subscriber()
    {
        _server.Build();

        var hosted = _server.Provider.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        // The host stops services in reverse order: the subscriber first (no new events), then the loop, which turns
        // what is still queued into outbox entries; the replayer runs alongside.
        Assert.Contains(typeof(PlaybackEventSubscriber), hosted);
        Assert.Contains(typeof(PlaybackSignalProcessor), hosted);
        Assert.Contains(typeof(OutboxReplayer), hosted);
        Assert.True(hosted.IndexOf(typeof(PlaybackSignalProcessor)) < hosted.IndexOf(typeof(PlaybackEventSubscriber)));
    }

    [Fact]
    public void The_plugin_created_after_the_container_hands_its_configuration_and_data_folder_to_services()
    {
        _server.Build();

        var store = _server.Provider.GetRequiredService<IPluginConfigurationStore>();

        Assert.Same(_server.Plugin!.Configuration, store.Current);
        Assert.Equal(PluginConfiguration.DefaultSimklApiBaseUrl, store.Current.SimklApiBaseUrl);
        Assert.StartsWith(_server.Paths.PluginsPath, store.DataFolderPath, StringComparison.Ordinal);
        Assert.True(File.Exists(_server.Plugin.ConfigurationFilePath), "The default configuration is written on first read, as on the server.");
    }

    [Fact]
    public void The_plugin_identifies_itself_as_Simkl_Scrobbler_with_its_own_guid()
    {
        _server.Build();

        Assert.Equal("Simkl Scrobbler", _server.Plugin!.Name);
        Assert.Equal(Guid.Parse("07fcac60-2254-466d-9880-3ba5ed8b9def"), _server.Plugin.Id);
    }

    [Fact]
    public void Every_configuration_page_the_plugin_declares_is_embedded_in_the_assembly()
    {
        _server.Build();

        var resources = typeof(Plugin).Assembly.GetManifestResourceNames();
        var pages = _server.Plugin!.GetPages().ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page.EmbeddedResourcePath, resources));
    }
}
