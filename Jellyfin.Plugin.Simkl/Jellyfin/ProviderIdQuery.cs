using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Turns Simkl's ids into the provider-id pairs of an <c>InternalItemsQuery.HasAnyProviderId</c>, the reverse of the
/// table <see cref="ItemMapper"/> reads ids with. Only key:value pairs are ever produced: Jellyfin 10.11 ANDs "any
/// value" keys with the pairs while 12 ORs them, and pairs alone mean "any of these" in both. Keys are spelled as
/// Jellyfin stores them, because the server compares "Key:Value" text exactly.
/// </summary>
internal static class ProviderIdQuery
{
    /// <summary>Builds the pairs for these ids.</summary>
    /// <param name="ids">Simkl's ids (any key Jellyfin does not store, such as Simkl's own, is left out).</param>
    /// <returns>The pairs, or null when none of the ids is one Jellyfin stores (never query with an empty filter: it matches everything).</returns>
    public static Dictionary<string, string>? For(SimklIds ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(pairs, nameof(MetadataProvider.Imdb), ids["imdb"]);
        Add(pairs, nameof(MetadataProvider.Tmdb), ids["tmdb"]);
        Add(pairs, nameof(MetadataProvider.Tvdb), ids["tvdb"]);
        foreach (var (jellyfinKey, simklKey) in ItemMapper.ExtraIdKeys)
        {
            Add(pairs, jellyfinKey, ids[simklKey]);
        }

        return pairs.Count == 0 ? null : pairs;
    }

    private static void Add(Dictionary<string, string> pairs, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            pairs[key] = value.Trim();
        }
    }
}
