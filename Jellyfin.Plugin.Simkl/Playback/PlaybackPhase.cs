namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>Where one playback stands.</summary>
internal enum PlaybackPhase
{
    /// <summary>Seen, but not played long enough to count: Simkl has heard nothing.</summary>
    Waiting = 0,

    /// <summary>Really begun: Simkl follows it.</summary>
    Begun,

    /// <summary>Stopped, and remembered for a while so stragglers of Jellyfin's event order cannot revive it.</summary>
    Finished,
}
