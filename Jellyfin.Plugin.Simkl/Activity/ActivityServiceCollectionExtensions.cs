using System;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// Registers the per-user activity log shown on the config page.
/// </summary>
public static class ActivityServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IActivityLog"/>.</summary>
    /// <param name="services">The container's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddActivityLog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IActivityLog, ActivityLog>();
        return services;
    }
}
