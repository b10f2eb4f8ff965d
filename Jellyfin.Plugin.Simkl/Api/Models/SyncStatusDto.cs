using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>A user's history-sync switches and the last sync of each kind.</summary>
/// <param name="ExportHistory">Whether the scheduled export includes the user.</param>
/// <param name="ImportHistory">Whether the scheduled import includes the user.</param>
/// <param name="FollowMarkPlayed">Whether "mark played" is followed.</param>
/// <param name="AllowUnmark">Whether "mark unplayed" removes the watch from Simkl.</param>
/// <param name="LastExport">The last export, or null.</param>
/// <param name="LastImport">The last import, or null.</param>
/// <param name="LastFollow">The marks followed so far, or null.</param>
public sealed record SyncStatusDto(
    [property: JsonPropertyName("exportHistory")] bool ExportHistory,
    [property: JsonPropertyName("importHistory")] bool ImportHistory,
    [property: JsonPropertyName("followMarkPlayed")] bool FollowMarkPlayed,
    [property: JsonPropertyName("allowUnmark")] bool AllowUnmark,
    [property: JsonPropertyName("lastExport")] SyncRunDto? LastExport,
    [property: JsonPropertyName("lastImport")] SyncRunDto? LastImport,
    [property: JsonPropertyName("lastFollow")] SyncRunDto? LastFollow);
