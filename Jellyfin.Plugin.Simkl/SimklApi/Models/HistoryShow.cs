using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A show or anime in a history request, with the episodes watched: by season (<see cref="Seasons"/>) or, for
/// anime with flat numbering, directly (<see cref="Episodes"/>).
/// </summary>
/// <param name="Title">The title.</param>
/// <param name="Year">The year.</param>
/// <param name="Ids">The show's ids.</param>
/// <param name="Seasons">The seasons with their episodes.</param>
/// <param name="Episodes">The episodes, for flat (anime) numbering.</param>
/// <param name="UseTvdbAnimeSeasons">True when an anime is numbered by TVDB seasons.</param>
public sealed record HistoryShow(
    string? Title,
    int? Year,
    SimklIds Ids,
    IReadOnlyList<HistorySeason>? Seasons = null,
    IReadOnlyList<HistoryEpisode>? Episodes = null,
    bool? UseTvdbAnimeSeasons = null);
