using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>One entry of all-items: the movie or the show (anime too come under <c>show</c>), and the watched episodes.</summary>
internal sealed record AllItemsWireEntry(
    string? Status,
    string? LastWatchedAt,
    SimklMediaObject? Movie,
    SimklMediaObject? Show,
    SimklMediaObject? Anime,
    IReadOnlyList<AllItemsWireSeason>? Seasons,
    IReadOnlyList<AllItemsWireEpisode>? Episodes);
