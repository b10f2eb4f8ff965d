using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// Where the tracker reads each user's options. Always returns valid options.
/// </summary>
public interface IUserTrackingOptionsSource
{
    /// <summary>Gets a user's options (the defaults for a user who has none).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The options.</returns>
    UserTrackingOptions Get(Guid userId);
}
