using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A season in a history request.
/// </summary>
/// <param name="Number">The season number (0 for specials).</param>
/// <param name="Episodes">The episodes watched.</param>
public sealed record HistorySeason(int Number, IReadOnlyList<HistoryEpisode> Episodes);
