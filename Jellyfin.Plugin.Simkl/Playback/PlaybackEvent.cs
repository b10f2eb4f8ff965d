using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// A playback event in our own terms. <see cref="Item"/> is needed only for a playback the tracker does not know yet
/// (see <see cref="PlaybackTracker.NeedsItem"/>); <see cref="Position"/> is null when the client did not report one.
/// <see cref="IsAutomated"/> marks progress the server made up itself (its 1 Hz timer) rather than heard from the client.
/// </summary>
internal sealed record PlaybackEvent(
    PlaybackEventKind Kind,
    PlaybackKey Key,
    DateTimeOffset Time,
    TimeSpan? Position,
    bool IsPaused,
    TrackedItem? Item = null,
    bool IsAutomated = false);
