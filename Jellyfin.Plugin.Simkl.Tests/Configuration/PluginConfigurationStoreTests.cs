using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Testing.Support;
using MediaBrowser.Model.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Configuration;

public sealed class PluginConfigurationStoreTests : IDisposable
{
    private readonly ServerContainer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Using_the_store_before_the_server_created_the_plugin_fails_with_a_clear_message()
    {
        var store = new PluginConfigurationStore();

        var error = Assert.Throws<InvalidOperationException>(() => store.Current);

        Assert.Contains("not been created", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saved_settings_reach_subscribers_and_survive_a_server_restart()
    {
        _server.Build();
        var store = _server.Provider.GetRequiredService<IPluginConfigurationStore>();
        PluginConfiguration? seen = null;
        store.Changed += (_, configuration) => seen = configuration;
        var userId = Guid.NewGuid();

        store.Save(new PluginConfiguration
        {
            ClientId = "my-app",
            Users = [new UserConfiguration { UserId = userId, MinimumDurationSeconds = 300, CompletionThresholdPercent = 70 }],
        });

        Assert.NotNull(seen);
        Assert.Equal("my-app", store.Current.ClientId);

        var reloaded = (PluginConfiguration)_server.Provider.GetRequiredService<IXmlSerializer>()
            .DeserializeFromFile(typeof(PluginConfiguration), _server.Plugin!.ConfigurationFilePath);
        Assert.Equal("my-app", reloaded.ClientId);
        var user = Assert.Single(reloaded.Users);
        Assert.Equal(userId, user.UserId);
        Assert.Equal(300, user.MinimumDurationSeconds);
        Assert.Equal(70, user.CompletionThresholdPercent);
    }

    [Fact]
    public void A_change_saved_through_the_servers_own_configuration_endpoint_reaches_subscribers()
    {
        _server.Build();
        var store = _server.Provider.GetRequiredService<IPluginConfigurationStore>();
        PluginConfiguration? seen = null;
        store.Changed += (_, configuration) => seen = configuration;

        // The server's POST /Plugins/{id}/Configuration calls UpdateConfiguration on the plugin.
        _server.Plugin!.UpdateConfiguration(new PluginConfiguration { SimklApiBaseUrl = "http://127.0.0.1:1" });

        Assert.Equal("http://127.0.0.1:1", seen?.SimklApiBaseUrl);
        Assert.True(File.Exists(_server.Plugin.ConfigurationFilePath));
    }

    [Fact]
    public async Task Two_users_options_saved_at_the_same_moment_both_land()
    {
        _server.Build();
        var store = _server.Provider.GetRequiredService<IPluginConfigurationStore>();
        var (alice, bob) = (new UserConfiguration { UserId = Guid.NewGuid() }, new UserConfiguration { UserId = Guid.NewGuid() });
        using var aliceRead = new ManualResetEventSlim();
        using var bobDone = new ManualResetEventSlim();

        // Alice's save reads the users, then Bob's save runs before she writes: the classic lost update.
        var aliceSave = Task.Run(() => store.Update(configuration =>
        {
            var users = configuration.Users;
            aliceRead.Set();
            bobDone.Wait(TimeSpan.FromMilliseconds(300));
            configuration.Users = [.. users, alice];
        }));
        aliceRead.Wait();
        var bobSave = Task.Run(() =>
        {
            store.Update(configuration => configuration.Users = [.. configuration.Users, bob]);
            bobDone.Set();
        });
        await Task.WhenAll(aliceSave, bobSave);

        Assert.Equal(new[] { alice.UserId, bob.UserId }.Order(), store.Current.Users.Select(u => u.UserId).Order());
    }
}
