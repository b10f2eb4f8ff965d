using System;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Registers what the config page's API needs beyond the other concerns.
/// </summary>
public static class AdminApiServiceCollectionExtensions
{
    /// <summary>Adds the PIN flow service and the per-user operations both pages share.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklAdminApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<PinLinkService>();
        services.AddSingleton<IPinLinkService>(provider => provider.GetRequiredService<PinLinkService>());
        services.AddSingleton<UserSimklOperations>();
        return services;
    }
}
