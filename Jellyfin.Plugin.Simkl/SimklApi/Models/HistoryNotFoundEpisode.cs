namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>An episode <c>POST /sync/history</c> could not match (its show was found, the episode was not).</summary>
/// <param name="ShowIds">The ids of the show it belongs to, as Simkl echoed them; empty when it did not.</param>
/// <param name="Season">The season, when Simkl said.</param>
/// <param name="Number">The episode number, when Simkl said.</param>
public sealed record HistoryNotFoundEpisode(SimklIds ShowIds, int? Season, int? Number);
