using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>The last history sync of one kind for a user, with its counts.</summary>
/// <param name="Kind"><c>export</c>, <c>import</c> or <c>follow</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Completed">False when it stopped and resumes next time.</param>
/// <param name="Sent">Movies and episodes sent to Simkl (for a preview: that would be sent).</param>
/// <param name="Matched">Simkl items found in the user's libraries.</param>
/// <param name="NotFound">Items Simkl could not match (export) or not in the libraries (import).</param>
/// <param name="MarkedPlayed">Items marked played in Jellyfin.</param>
/// <param name="Skipped">Items left out by the user's tracking options.</param>
/// <param name="Removed">Watches removed from Simkl after "mark unplayed".</param>
/// <param name="Message">Why it stopped, if it did.</param>
public sealed record SyncRunDto(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("finishedAt")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("sent")] int Sent,
    [property: JsonPropertyName("matched")] int Matched,
    [property: JsonPropertyName("notFound")] int NotFound,
    [property: JsonPropertyName("markedPlayed")] int MarkedPlayed,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("removed")] int Removed,
    [property: JsonPropertyName("message")] string? Message);
