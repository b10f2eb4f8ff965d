using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>A season of an all-items entry with its watched episodes.</summary>
internal sealed record AllItemsWireSeason(int? Number, IReadOnlyList<AllItemsWireEpisode>? Episodes);
