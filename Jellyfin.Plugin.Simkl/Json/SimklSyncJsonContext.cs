using System.Text.Json.Serialization;
using Jellyfin.Plugin.Simkl.SimklApi.Wire;

namespace Jellyfin.Plugin.Simkl.Json;

/// <summary>
/// Source-generated serialization of the history-sync answers from Simkl, with the same rules as
/// <see cref="SimklJsonContext"/>: snake_case names, numbers accepted as strings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ActivitiesWireResponse))]
[JsonSerializable(typeof(AllItemsWireResponse))]
internal sealed partial class SimklSyncJsonContext : JsonSerializerContext
{
}
