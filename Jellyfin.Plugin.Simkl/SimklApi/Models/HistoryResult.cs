using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What <c>POST /sync/history</c> did. A 2xx with an item in the not-found lists wrote nothing for that item; the client
/// then reports the call as <see cref="SimklOutcome.NotFound"/> (with this value attached), never as a success.
/// </summary>
/// <param name="AddedMovies">Movies added.</param>
/// <param name="AddedShows">Shows added.</param>
/// <param name="AddedEpisodes">Episodes added.</param>
/// <param name="NotFoundMovies">The ids of movies Simkl did not find.</param>
/// <param name="NotFoundShows">The ids of shows Simkl did not find.</param>
public sealed record HistoryResult(
    int AddedMovies,
    int AddedShows,
    int AddedEpisodes,
    IReadOnlyList<SimklIds> NotFoundMovies,
    IReadOnlyList<SimklIds> NotFoundShows)
{
    /// <summary>Gets the episodes Simkl did not find (the show exists, that season or episode does not).</summary>
    public IReadOnlyList<HistoryNotFoundEpisode> NotFoundEpisodes { get; init; } = [];

    /// <summary>Gets a value indicating whether Simkl matched everything that was sent: nothing in any not-found list.</summary>
    public bool AllFound => NotFoundMovies.Count == 0 && NotFoundShows.Count == 0 && NotFoundEpisodes.Count == 0;
}
