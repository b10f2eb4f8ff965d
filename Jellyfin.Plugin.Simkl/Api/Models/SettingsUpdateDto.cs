using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>Plugin-wide settings to save.</summary>
/// <param name="ClientId">The Simkl app's client id; empty to use the one built into this release.</param>
/// <param name="SimklApiBaseUrl">Where Simkl's API is; empty for the default.</param>
/// <param name="Diagnostics">Normal or Verbose.</param>
/// <param name="SelfServiceEnabled">Whether users can link their own Simkl account; absent leaves it as it is.</param>
public sealed record SettingsUpdateDto(
    [property: JsonPropertyName("clientId")] string? ClientId,
    [property: JsonPropertyName("simklApiBaseUrl")] string? SimklApiBaseUrl,
    [property: JsonPropertyName("diagnostics")] string? Diagnostics,
    [property: JsonPropertyName("selfServiceEnabled")] bool? SelfServiceEnabled = null);
