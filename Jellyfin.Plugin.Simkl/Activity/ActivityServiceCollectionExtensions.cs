using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// Registers the per-user activity log.
/// </summary>
public static class ActivityServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IActivityLog"/>.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddActivityLog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FileActivityLog>();
        services.AddSingleton<IActivityLog>(provider => provider.GetRequiredService<FileActivityLog>());
        return services;
    }
}
