using System;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Registers where linked Simkl accounts are kept.
/// </summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISimklAccountStore"/>.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklAccounts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ISimklAccountStore, FileSimklAccountStore>();
        return services;
    }
}
