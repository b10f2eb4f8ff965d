namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// An episode addressed by number: <c>{"season": 2, "number": 7}</c>. Anime with their own (flat) numbering
/// leave the season out.
/// </summary>
/// <param name="Season">The season (0 for specials); null for flat anime numbering.</param>
/// <param name="Number">The episode number.</param>
public sealed record SimklEpisodeNumber(int? Season, int Number);
