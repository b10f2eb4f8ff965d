using System;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Completions the scrobbler has already reported, so that Jellyfin marking the same item played moments later is not
/// sent to Simkl a second time. Whoever sees a playback end as a completion calls <see cref="Remember"/> (the Jellyfin
/// layer, on a user-data save with reason "playback finished"); the mark-played follower asks
/// <see cref="WasRecentlyCompleted"/>. Cheap and non-blocking: safe on a request thread.
/// </summary>
internal interface IRecentCompletions
{
    /// <summary>Notes that the user just completed this item (any version of it).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="item">The item.</param>
    void Remember(Guid userId, TrackedItem item);

    /// <summary>Answers whether the user completed this item (any version of it) recently.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="item">The item.</param>
    /// <returns>True when recently completed.</returns>
    bool WasRecentlyCompleted(Guid userId, TrackedItem item);
}
