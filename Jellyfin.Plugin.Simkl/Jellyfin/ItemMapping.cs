using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// A Jellyfin item as the tracker sees it, or why it is not something Simkl tracks. <see cref="RetryLater"/> marks a
/// reason that can go away while the item plays (its runtime is not known yet), so the item is looked at again.
/// </summary>
internal sealed record ItemMapping(TrackedItem? Item, string? NotTrackedBecause, bool RetryLater = false);
