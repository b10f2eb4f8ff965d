using System;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklConnectionSettingsTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    private ISimklConnectionSettings Settings => _harness.Services.GetRequiredService<ISimklConnectionSettings>();

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void A_saved_address_and_client_id_apply_to_the_next_request_without_a_restart()
    {
        _harness.Configuration = new PluginConfiguration { ClientId = "  other-app  ", SimklApiBaseUrl = "https://simkl.example.org/api" };

        Assert.Equal(new Uri("https://simkl.example.org/api"), Settings.BaseUrl);
        Assert.Equal("other-app", Settings.ClientId);
    }

    [Fact]
    public void A_hand_edited_address_that_is_not_http_falls_back_to_simkl_with_one_warning_naming_it()
    {
        _harness.Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = "ftp://simkl.example.org" };

        var first = Settings.BaseUrl;
        var second = Settings.BaseUrl;

        Assert.Equal(new Uri(PluginConfiguration.DefaultSimklApiBaseUrl), first);
        Assert.Equal(first, second);
        var warning = Assert.Single(_harness.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("ftp://simkl.example.org", StringComparison.Ordinal));
        Assert.Contains("settings page", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://simkl.example.org")]
    [InlineData("http://192.168.1.20:8080/simkl")]
    public void A_plain_http_address_to_another_machine_is_refused_with_one_clear_warning_and_simkl_itself_is_used(string address)
    {
        _harness.Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = address };

        var first = Settings.BaseUrl;
        var second = Settings.BaseUrl;

        Assert.Equal(new Uri(PluginConfiguration.DefaultSimklApiBaseUrl), first);
        Assert.Equal(first, second);
        var warning = Assert.Single(_harness.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(address, warning.Message, StringComparison.Ordinal);
        Assert.Contains("https", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8095")]
    [InlineData("http://localhost:8095/api")]
    [InlineData("http://[::1]:8095")]
    [InlineData("https://simkl-proxy.example.org")]
    public void Https_anywhere_and_plain_http_to_this_machine_are_used_as_given(string address)
    {
        _harness.Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = address };

        Assert.Equal(new Uri(address), Settings.BaseUrl);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void An_empty_address_means_simkl_itself_without_a_warning()
    {
        _harness.Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = " " };

        Assert.Equal(new Uri(PluginConfiguration.DefaultSimklApiBaseUrl), Settings.BaseUrl);
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
