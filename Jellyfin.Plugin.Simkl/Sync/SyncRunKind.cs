namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>The kinds of history sync a user's page reports on.</summary>
public enum SyncRunKind
{
    /// <summary>Jellyfin's history sent to Simkl.</summary>
    Export = 0,

    /// <summary>Simkl's history brought into Jellyfin.</summary>
    Import,

    /// <summary>"Mark played" / "mark unplayed" followed to Simkl.</summary>
    Follow,
}
