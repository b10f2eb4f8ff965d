using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Registers the account store and the PIN linking flow.
/// </summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISimklAccountStore"/> and the PIN flow.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSimklAccounts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISimklAccountStore, FileSimklAccountStore>();
        return services;
    }
}
