using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>Where a user's PIN link stands.</summary>
/// <param name="State">pending, linked, expired or failed.</param>
/// <param name="UserCode">The code shown while pending.</param>
/// <param name="VerificationUrl">Simkl's page for entering the code.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="SimklUserName">The Simkl account, once linked.</param>
/// <param name="Message">What went wrong, or what is being retried.</param>
public sealed record PinStatusDto(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("userCode")] string? UserCode,
    [property: JsonPropertyName("verificationUrl")] Uri? VerificationUrl,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("simklUserName")] string? SimklUserName,
    [property: JsonPropertyName("message")] string? Message);
