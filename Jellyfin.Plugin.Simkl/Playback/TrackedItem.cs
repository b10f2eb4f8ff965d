using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// A library item described in our own terms. For an episode, <see cref="Title"/>, <see cref="Year"/> and
/// <see cref="Ids"/> are the series' (never the episode's own ids), and <see cref="Season"/>/<see cref="Episode"/>
/// its numbering in the library; <see cref="LastEpisode"/> is set for a file holding several episodes.
/// </summary>
internal sealed record TrackedItem(
    Guid ItemId,
    string DisplayName,
    TrackedMediaKind Kind,
    TimeSpan Runtime,
    string? Path,
    IReadOnlyList<Guid> LibraryIds,
    string? Title,
    int? Year,
    SimklIds Ids,
    int? Season = null,
    int? Episode = null,
    int? LastEpisode = null)
{
    /// <summary>The provider-id keys anime metadata plugins use; an item that has one is anime.</summary>
    public static readonly IReadOnlyList<string> AnimeIdKeys = ["anidb", "anilist", "mal", "kitsu", "anisearch", "livechart"];

    /// <summary>Gets the number of episodes this file holds (1 for a movie or a single episode).</summary>
    public int EpisodeCount => Kind == TrackedMediaKind.Episode && Episode is { } first && LastEpisode is { } last && last > first ? last - first + 1 : 1;

    public bool HasAnimeIds
    {
        get
        {
            foreach (var key in AnimeIdKeys)
            {
                if (Ids.Contains(key))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
