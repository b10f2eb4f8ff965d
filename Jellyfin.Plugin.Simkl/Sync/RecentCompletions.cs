using System;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>The in-memory <see cref="IRecentCompletions"/>, keyed by what the item is rather than which version played.</summary>
internal sealed class RecentCompletions : IRecentCompletions
{
    private readonly RecentItemMemory _memory;

    public RecentCompletions(TimeProvider time, SyncOptions options) => _memory = new RecentItemMemory(time, options.RecentWindow);

    public void Remember(Guid userId, TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _memory.Remember(userId, SyncKeys.Identity(item));
    }

    public bool WasRecentlyCompleted(Guid userId, TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _memory.Contains(userId, SyncKeys.Identity(item));
    }
}
