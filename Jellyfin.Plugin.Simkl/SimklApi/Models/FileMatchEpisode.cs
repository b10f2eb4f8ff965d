namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The episode part of a file match. Simkl calls the number <c>episode.episode</c> here (not <c>number</c>).
/// </summary>
/// <param name="Season">The season, when the show has seasons.</param>
/// <param name="Number">The episode number.</param>
/// <param name="Ids">The episode's own ids (never used as the show's).</param>
public sealed record FileMatchEpisode(int? Season, int? Number, SimklIds Ids);
