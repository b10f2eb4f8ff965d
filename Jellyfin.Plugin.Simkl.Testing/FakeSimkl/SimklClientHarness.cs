using System;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>The real client, built through the plugin's own registration, pointed at a fake Simkl on simulated time.</summary>
public sealed class SimklClientHarness : IAsyncDisposable
{
    private ServiceProvider? _provider;

    private SimklClientHarness(FakeTimeProvider time, FakeSimklServer simkl)
    {
        Time = time;
        Simkl = simkl;
        Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = simkl.BaseUrl.ToString() };
        Store = Substitute.For<IPluginConfigurationStore>();
        Store.Current.Returns(_ => Configuration);
    }

    public FakeTimeProvider Time { get; }

    public NetworkActivity Network { get; } = new();

    public FakeSimklServer Simkl { get; }

    public PluginConfiguration Configuration { get; set; }

    public IPluginConfigurationStore Store { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public ISimklClient Client => Services.GetRequiredService<ISimklClient>();

    public IServiceProvider Services => _provider ?? throw new InvalidOperationException("Not started.");

    public static async Task<SimklClientHarness> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        var simkl = await FakeSimklServer.StartAsync(time).ConfigureAwait(false);
        var harness = new SimklClientHarness(time, simkl);
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(harness.Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(harness.Store);
        configure?.Invoke(services);
        services.AddSimklApi("10.11.11");
        harness.AddNetworkCounting(services);
        harness._provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return harness;
    }

    /// <summary>Counts requests on the wire so simulated time waits for them (the handler runs innermost).</summary>
    public void AddNetworkCounting(IServiceCollection services)
    {
        services.AddHttpClient(SimklApiServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(Network.CreateHandler);
        Time.WaitFor(() => Network.InFlight > Simkl.Stalled);
    }

    /// <summary>Runs a call to completion on simulated time.</summary>
    public Task<T> RunAsync<T>(Task<T> call, TimeSpan? limit = null, TimeSpan? step = null) => Time.RunAsync(call, limit, step);

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync().ConfigureAwait(false);
        }

        await Simkl.DisposeAsync().ConfigureAwait(false);
    }
}
