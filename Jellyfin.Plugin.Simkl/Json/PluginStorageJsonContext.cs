using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback.Outbox;

namespace Jellyfin.Plugin.Simkl.Json;

/// <summary>Source-generated serialization of the files the plugin keeps in its data folder.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredAccounts))]
[JsonSerializable(typeof(StoredActivity))]
[JsonSerializable(typeof(StoredOutbox))]
[JsonSerializable(typeof(PendingCompletion))]
[JsonSerializable(typeof(StoredAccount))]
[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class PluginStorageJsonContext : JsonSerializerContext
{
}
