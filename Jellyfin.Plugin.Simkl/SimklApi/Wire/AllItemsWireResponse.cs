using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>The body of <c>/sync/all-items/{type}</c>: an object keyed by kind (or <c>null</c> when the lists are empty).</summary>
internal sealed record AllItemsWireResponse(IReadOnlyList<AllItemsWireEntry>? Movies, IReadOnlyList<AllItemsWireEntry>? Shows, IReadOnlyList<AllItemsWireEntry>? Anime);
