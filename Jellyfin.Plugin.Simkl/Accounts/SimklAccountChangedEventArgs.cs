using System;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Says which user's link changed.
/// </summary>
/// <param name="userId">The Jellyfin user.</param>
/// <param name="isTracking">Whether the user's playbacks are sent to Simkl now.</param>
public sealed class SimklAccountChangedEventArgs(Guid userId, bool isTracking) : EventArgs
{
    /// <summary>Gets the Jellyfin user.</summary>
    public Guid UserId { get; } = userId;

    /// <summary>Gets a value indicating whether the user's playbacks are sent to Simkl now.</summary>
    public bool IsTracking { get; } = isTracking;
}
