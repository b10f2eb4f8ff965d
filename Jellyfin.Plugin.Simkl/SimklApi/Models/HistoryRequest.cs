using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The body of <c>POST /sync/history</c>. Anime go in <see cref="Shows"/>. A show always names its episodes:
/// a bare show would mark every aired episode watched.
/// </summary>
/// <param name="Movies">Movies watched.</param>
/// <param name="Shows">Shows and anime, each with the episodes watched.</param>
public sealed record HistoryRequest(IReadOnlyList<HistoryMovie> Movies, IReadOnlyList<HistoryShow> Shows);
