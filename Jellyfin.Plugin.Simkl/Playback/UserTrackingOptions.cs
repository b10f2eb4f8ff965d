using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// One user's tracking options, validated, as the tracker uses them.
/// </summary>
/// <param name="TrackingEnabled">Whether anything is sent for the user.</param>
/// <param name="TrackMovies">Whether movies are tracked.</param>
/// <param name="TrackShows">Whether TV episodes are tracked.</param>
/// <param name="TrackAnime">Whether anime is tracked.</param>
/// <param name="ExcludedLibraryIds">Libraries whose items are never tracked.</param>
/// <param name="AnimeLibraryIds">Libraries whose items are sent as anime.</param>
/// <param name="MinimumDuration">The shortest runtime of an item that is tracked.</param>
/// <param name="CompletionThresholdPercent">Progress (1-100) at or above which a stopped playback counts as watched.</param>
public sealed record UserTrackingOptions(
    bool TrackingEnabled,
    bool TrackMovies,
    bool TrackShows,
    bool TrackAnime,
    IReadOnlySet<Guid> ExcludedLibraryIds,
    IReadOnlySet<Guid> AnimeLibraryIds,
    TimeSpan MinimumDuration,
    int CompletionThresholdPercent)
{
    /// <summary>Simkl's own threshold: a stop at or above it marks the item watched.</summary>
    public const int SimklCompletionThresholdPercent = 80;

    /// <summary>Gets the options of a user who never changed any.</summary>
    public static UserTrackingOptions Default { get; } = new(
        TrackingEnabled: true,
        TrackMovies: true,
        TrackShows: true,
        TrackAnime: true,
        ExcludedLibraryIds: FrozenSet<Guid>.Empty,
        AnimeLibraryIds: FrozenSet<Guid>.Empty,
        MinimumDuration: TimeSpan.Zero,
        CompletionThresholdPercent: SimklCompletionThresholdPercent);
}
