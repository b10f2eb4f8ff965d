using System.Collections.Generic;
using System.Text.Json.Serialization;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.SimklApi.Wire;

namespace Jellyfin.Plugin.Simkl.Json;

/// <summary>
/// Source-generated serialization of everything sent to and read from Simkl: snake_case names, nulls left out, and
/// numbers accepted as strings (Simkl's documents show both).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ScrobbleRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(FileSearchRequest))]
[JsonSerializable(typeof(PinCodeResponse))]
[JsonSerializable(typeof(PinPollResponse))]
[JsonSerializable(typeof(ScrobbleWireResponse))]
[JsonSerializable(typeof(FileMatchWireResponse))]
[JsonSerializable(typeof(List<IdSearchHit>))]
[JsonSerializable(typeof(HistoryWireResponse))]
[JsonSerializable(typeof(UserSettingsWireResponse))]
[JsonSerializable(typeof(SimklErrorResponse))]
[JsonSerializable(typeof(List<WatchedWireRequest>))]
[JsonSerializable(typeof(List<WatchedWireItem>))]
internal sealed partial class SimklJsonContext : JsonSerializerContext
{
}
