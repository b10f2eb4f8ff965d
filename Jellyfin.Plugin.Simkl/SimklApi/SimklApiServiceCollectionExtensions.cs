using System;
using System.Threading;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Registers the Simkl API client.
/// </summary>
public static class SimklApiServiceCollectionExtensions
{
    /// <summary>The name of the plugin's HTTP client.</summary>
    public const string HttpClientName = "Jellyfin.Plugin.Simkl";

    /// <summary>Adds <see cref="ISimklClient"/> and what it needs.</summary>
    /// <param name="services">The container's services.</param>
    /// <param name="serverVersion">The Jellyfin server's version, for the User-Agent.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklApi(this IServiceCollection services, string serverVersion)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serverVersion);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => Validated(new SimklHttpOptions()));
        services.AddSingleton(new SimklUserAgent(serverVersion));
        services.AddSingleton<ISimklConnectionSettings, PluginSimklConnectionSettings>();
        services.AddSingleton<SimklBurstGate>();
        services.AddSingleton<SimklResiliencePipeline>();
        services.AddSingleton<SimklAccountWriteScheduler>();
        services.AddTransient<SimklRequestDecoratingHandler>();
        services.AddTransient<SimklResilienceHandler>();
        services.AddTransient<SimklPacingHandler>();

        // One named client, taken from the factory for every request by the singleton SimklClient, so the factory can
        // rotate its handlers; a typed client captured by the plugin's singletons would keep one handler forever.
        services.AddSingleton<ISimklClient, SimklClient>();
        services.AddHttpClient(HttpClientName, client =>
            {
                // Each attempt has its own deadline on the injected clock (SimklPacingHandler); this one must not fire first.
                client.Timeout = Timeout.InfiniteTimeSpan;

                // Only a placeholder: the decorating handler puts each request on the configured base URL, read per request.
                client.BaseAddress = SimklRequestDecoratingHandler.PlaceholderBase;
            })
            .AddHttpMessageHandler<SimklRequestDecoratingHandler>()
            .AddHttpMessageHandler<SimklResilienceHandler>()
            .AddHttpMessageHandler<SimklPacingHandler>()

            // The factory's default handlers log full URLs, and a PIN poll's URL holds the PIN code.
            .RemoveAllLoggers();
        return services;
    }

    private static SimklHttpOptions Validated(SimklHttpOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? options
            : throw new InvalidOperationException("Invalid Simkl HTTP options: " + string.Join(" ", problems));
    }
}
