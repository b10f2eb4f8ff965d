using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>The plugin-wide settings.</summary>
/// <param name="ClientId">The Simkl app's client id entered here (empty when the built-in one is used).</param>
/// <param name="HasClientId">Whether any client id is available (entered, or built into this release).</param>
/// <param name="SimklApiBaseUrl">Where Simkl's API is (advanced).</param>
/// <param name="Diagnostics">How much the plugin logs: Normal or Verbose.</param>
/// <param name="SelfServiceEnabled">Whether users can link their own Simkl account on the self-service page.</param>
public sealed record SettingsDto(
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("hasClientId")] bool HasClientId,
    [property: JsonPropertyName("simklApiBaseUrl")] string SimklApiBaseUrl,
    [property: JsonPropertyName("diagnostics")] string Diagnostics,
    [property: JsonPropertyName("selfServiceEnabled")] bool SelfServiceEnabled);
