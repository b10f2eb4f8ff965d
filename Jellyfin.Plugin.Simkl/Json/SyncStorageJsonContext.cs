using System.Text.Json.Serialization;
using Jellyfin.Plugin.Simkl.Sync;

namespace Jellyfin.Plugin.Simkl.Json;

/// <summary>Source-generated serialization of the history-sync state files in the plugin's data folder.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(UserSyncState))]
[JsonSerializable(typeof(SimklWatchedItem))]
internal sealed partial class SyncStorageJsonContext : JsonSerializerContext
{
}
