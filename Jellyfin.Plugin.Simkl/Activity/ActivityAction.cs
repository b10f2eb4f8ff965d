namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// What the tracker did.
/// </summary>
public enum ActivityAction
{
    /// <summary>Reported "watching now" (start or resume).</summary>
    Start = 0,

    /// <summary>Reported a pause.</summary>
    Pause,

    /// <summary>Reported the end of a playback.</summary>
    Stop,

    /// <summary>Marked an item watched through the history endpoint.</summary>
    MarkWatched,

    /// <summary>Looked the item up on Simkl (by file or id).</summary>
    Lookup,

    /// <summary>Decided not to track a playback.</summary>
    Ignore,
}
