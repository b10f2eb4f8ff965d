using System.Collections.Generic;
using System.Text.Json;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>
/// What <c>/sync/history</c> could not match. The shape of an episode entry is not documented, so each is kept as raw
/// JSON and read tolerantly (<c>show.ids</c> or <c>ids</c>; <c>episode.season</c>/<c>episode.number</c> or
/// <c>season</c>/<c>number</c>).
/// </summary>
internal sealed record HistoryWireNotFound(IReadOnlyList<HistoryWireItem>? Movies, IReadOnlyList<HistoryWireItem>? Shows, IReadOnlyList<JsonElement>? Episodes);
