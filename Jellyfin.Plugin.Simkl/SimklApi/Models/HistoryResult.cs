using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What <c>POST /sync/history</c> did. A 2xx with an item in the not-found lists wrote nothing for that item.
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
    IReadOnlyList<SimklIds> NotFoundShows);
