using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>How the last sync of one kind went for a user, with its counts.</summary>
/// <param name="Kind">Export, import or follow.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended (stopped or complete).</param>
/// <param name="Completed">True when it went through; false when it stopped (Simkl down, cancelled) and resumes next time.</param>
/// <param name="Sent">Movies and episodes sent to Simkl (or that a preview would send).</param>
/// <param name="Matched">Items of Simkl's history found in the user's libraries.</param>
/// <param name="NotFound">Items Simkl could not match (export), or Simkl items not in the libraries (import).</param>
/// <param name="MarkedPlayed">Items marked played in Jellyfin.</param>
/// <param name="Skipped">Items left out by the user's tracking options.</param>
/// <param name="Removed">Watches removed from Simkl after "mark unplayed".</param>
/// <param name="Message">Why it stopped, or a short note; null when all went well.</param>
public sealed record SyncRunSummary(
    SyncRunKind Kind,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Completed,
    int Sent = 0,
    int Matched = 0,
    int NotFound = 0,
    int MarkedPlayed = 0,
    int Skipped = 0,
    int Removed = 0,
    string? Message = null);
