using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// A user's durable history-sync state, in <c>sync/{user}.json</c> in the plugin's data folder: Simkl's activity
/// timestamps at the last read of each kind (a kind present here was read in full once; later reads start from its
/// timestamp), and the last run of each kind. What was read while import was off waits in <c>sync/{user}.pending</c>,
/// so turning import on later never needs a second full read.
/// </summary>
/// <param name="Version">The file format.</param>
/// <param name="ReadThrough">Per kind, Simkl's activity timestamp covered by the last read (null: nothing there yet).</param>
/// <param name="LastRuns">The last run of each kind.</param>
internal sealed record UserSyncState(
    int Version,
    Dictionary<SimklSyncType, string?> ReadThrough,
    Dictionary<SyncRunKind, SyncRunSummary> LastRuns)
{
    public static UserSyncState New() => new(1, [], []);
}
