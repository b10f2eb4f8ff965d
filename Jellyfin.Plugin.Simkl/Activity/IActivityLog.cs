using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// What the tracker did for each user, for the configuration page: the last events per user, newest first,
/// kept in memory and in the plugin's data folder.
/// </summary>
public interface IActivityLog
{
    /// <summary>Gets how many events are kept per user.</summary>
    int Capacity { get; }

    /// <summary>Records an event. Cheap: never blocks on disk.</summary>
    /// <param name="entry">The event.</param>
    void Record(ActivityEntry entry);

    /// <summary>Gets a user's recent events, newest first.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>At most <see cref="Capacity"/> events.</returns>
    IReadOnlyList<ActivityEntry> GetRecent(Guid userId);
}
