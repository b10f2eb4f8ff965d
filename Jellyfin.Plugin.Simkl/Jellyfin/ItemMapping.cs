using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>A Jellyfin item as the tracker sees it, or why it is not something Simkl tracks.</summary>
internal sealed record ItemMapping(TrackedItem? Item, string? NotTrackedBecause);
