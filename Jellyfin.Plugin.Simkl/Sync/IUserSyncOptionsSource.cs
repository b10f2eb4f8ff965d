using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Where history sync reads each user's choices.</summary>
public interface IUserSyncOptionsSource
{
    /// <summary>Gets a user's history-sync options (all off for a user who has none).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The options.</returns>
    UserSyncOptions Get(Guid userId);
}
