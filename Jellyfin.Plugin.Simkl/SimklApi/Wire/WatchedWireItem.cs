using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>One answer of <c>/sync/watched</c>: <c>result</c> is <c>true</c>, <c>false</c> or <c>"not_found"</c>.</summary>
internal sealed record WatchedWireItem(JsonElement? Result, string? List, DateTimeOffset? LastWatchedAt, IReadOnlyList<WatchedWireSeason>? Seasons);
