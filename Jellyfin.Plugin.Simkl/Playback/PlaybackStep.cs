namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>What a start or progress event means for Simkl.</summary>
internal enum PlaybackStep
{
    /// <summary>Nothing to tell.</summary>
    None = 0,

    /// <summary>The playback has just really begun: announce it.</summary>
    Begin,

    /// <summary>Paused.</summary>
    Pause,

    /// <summary>Resumed after a pause.</summary>
    Resume,

    /// <summary>A seek has settled at a new position.</summary>
    Seeked,

    /// <summary>Still playing as predicted (a multi-episode file may have moved on to its next episode).</summary>
    Playing,
}
