using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>A user's tracking options as the page edits them.</summary>
/// <param name="TrackingEnabled">Whether anything is tracked for the user.</param>
/// <param name="TrackMovies">Whether movies are tracked.</param>
/// <param name="TrackShows">Whether TV episodes are tracked.</param>
/// <param name="TrackAnime">Whether anime is tracked.</param>
/// <param name="ExcludedLibraryIds">Libraries never tracked for the user.</param>
/// <param name="AnimeLibraryIds">Libraries whose series are sent to Simkl as anime.</param>
/// <param name="MinimumDurationSeconds">Items shorter than this are not tracked.</param>
/// <param name="CompletionThresholdPercent">Progress from which a stop counts as watched.</param>
/// <param name="ExportHistory">Whether the scheduled task sends the user's watch history to Simkl.</param>
/// <param name="ImportHistory">Whether the scheduled task marks items played from the user's Simkl history.</param>
/// <param name="FollowMarkPlayed">Whether "mark played" is sent to Simkl.</param>
/// <param name="AllowUnmark">Whether "mark unplayed" removes the watch from Simkl.</param>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A JSON body.")]
public sealed record UserOptionsDto(
    [property: JsonPropertyName("trackingEnabled")] bool TrackingEnabled,
    [property: JsonPropertyName("trackMovies")] bool TrackMovies,
    [property: JsonPropertyName("trackShows")] bool TrackShows,
    [property: JsonPropertyName("trackAnime")] bool TrackAnime,
    [property: JsonPropertyName("excludedLibraryIds")] Guid[] ExcludedLibraryIds,
    [property: JsonPropertyName("animeLibraryIds")] Guid[] AnimeLibraryIds,
    [property: JsonPropertyName("minimumDurationSeconds")] int MinimumDurationSeconds,
    [property: JsonPropertyName("completionThresholdPercent")] int CompletionThresholdPercent,
    [property: JsonPropertyName("exportHistory")] bool ExportHistory = false,
    [property: JsonPropertyName("importHistory")] bool ImportHistory = false,
    [property: JsonPropertyName("followMarkPlayed")] bool FollowMarkPlayed = false,
    [property: JsonPropertyName("allowUnmark")] bool AllowUnmark = false);
