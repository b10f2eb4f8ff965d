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

    /// <summary>History sync: sent the user's Jellyfin history to Simkl (or could not, for one item).</summary>
    HistoryExport,

    /// <summary>History sync: brought the user's Simkl history into Jellyfin.</summary>
    HistoryImport,

    /// <summary>History sync: removed a watch from Simkl after the user marked the item unplayed.</summary>
    RemoveWatched,
}
