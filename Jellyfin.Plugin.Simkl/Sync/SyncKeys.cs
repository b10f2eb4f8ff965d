using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Short stable keys for "this user has watched this": one per id of the movie (or of the show, with the season and
/// episode), so a Jellyfin item and a Simkl history entry that share any id meet on the same key. Simkl files anime
/// episodes under season 1, so a flat anime episode counts as season 1.
/// </summary>
internal static class SyncKeys
{
    private static readonly string[] KeyedIds = ["simkl", "imdb", "tmdb", "tvdb", "anidb", "anilist", "mal", "kitsu", "anisearch", "livechart"];

    /// <summary>Keys of a Jellyfin item as it is sent (every episode of a multi-episode file).</summary>
    public static List<ulong> Of(SimklMedia media, IReadOnlyList<int> episodes)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(episodes);
        var keys = new List<ulong>();
        if (media.Kind == SimklMediaKind.Movie || episodes.Count == 0)
        {
            AddMovie(keys, media.Media.Ids);
            return keys;
        }

        foreach (var episode in episodes)
        {
            AddEpisode(keys, media.Media.Ids, media.Season ?? 1, episode);
        }

        return keys;
    }

    /// <summary>Keys of what Simkl's history holds for one all-items entry.</summary>
    public static List<ulong> Of(SimklWatchedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var keys = new List<ulong>();
        if (item.Type == SimklSyncType.Movies)
        {
            if (item.Watched)
            {
                AddMovie(keys, item.Ids);
            }

            return keys;
        }

        foreach (var episode in item.Episodes)
        {
            AddEpisode(keys, item.Ids, episode.Season, episode.Number);
        }

        return keys;
    }

    /// <summary>A key for an item Simkl cannot be asked about (no usable id): settled by its Jellyfin id.</summary>
    public static ulong OfUnmatchable(Guid itemId) => Hash("x:" + itemId.ToString("N"));

    /// <summary>One key for "this movie or episode", the same for every version of it (alternate versions share ids).</summary>
    public static ulong Identity(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Hash(FormattableString.Invariant($"{item.Kind}|{item.Ids}|{item.Season}|{item.Episode}|{(item.Ids.IsEmpty ? item.ItemId : Guid.Empty)}"));
    }

    private static void AddMovie(List<ulong> keys, SimklIds ids)
    {
        foreach (var key in KeyedIds)
        {
            if (ids[key] is { } value)
            {
                keys.Add(Hash("m:" + key + ":" + value));
            }
        }
    }

    private static void AddEpisode(List<ulong> keys, SimklIds ids, int season, int episode)
    {
        var suffix = FormattableString.Invariant($":{season}:{episode}");
        foreach (var key in KeyedIds)
        {
            if (ids[key] is { } value)
            {
                keys.Add(Hash("e:" + key + ":" + value + suffix));
            }
        }
    }

    private static ulong Hash(string text)
    {
        // FNV-1a, 64 bits: stable across runs and processes (string.GetHashCode is not), ample for a user's history.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
