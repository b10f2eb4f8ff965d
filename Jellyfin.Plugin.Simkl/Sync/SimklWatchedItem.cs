using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// A movie, show or anime in a user's Simkl history as <c>/sync/all-items</c> returns it: a movie counts when it was
/// watched; a show or anime brings the episodes watched.
/// </summary>
/// <param name="Type">Which list it came from.</param>
/// <param name="Title">The title.</param>
/// <param name="Year">The year.</param>
/// <param name="Ids">Simkl's ids for the movie or the show.</param>
/// <param name="Watched">Whether the movie was watched (completed); for a show or anime, whether any episode was.</param>
/// <param name="LastWatchedAt">When it was last watched, when Simkl said.</param>
/// <param name="Episodes">The episodes watched (empty for a movie).</param>
internal sealed record SimklWatchedItem(
    SimklSyncType Type,
    string? Title,
    int? Year,
    SimklIds Ids,
    bool Watched,
    DateTimeOffset? LastWatchedAt,
    IReadOnlyList<SimklWatchedEpisode> Episodes);
