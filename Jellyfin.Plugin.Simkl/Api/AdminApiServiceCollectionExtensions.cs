using System;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Registers what the configuration page's endpoints need. The server finds <see cref="SimklController"/> itself.
/// </summary>
public static class AdminApiServiceCollectionExtensions
{
    /// <summary>Adds the PIN flow, the options editor, and the server's user and library lists.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklAdminApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IServerUserDirectory, JellyfinUserDirectory>();
        services.TryAddSingleton<IServerLibraryDirectory, JellyfinLibraryDirectory>();
        services.AddSingleton<PinLinkCoordinator>();
        services.AddSingleton<UserOptionsEditor>();
        return services;
    }
}
