using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>A new PIN code to show the administrator.</summary>
/// <param name="UserCode">The code to enter on Simkl's page.</param>
/// <param name="VerificationUrl">Simkl's page for entering the code.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="ExpiresInSeconds">How long the code stays valid from now, so a browser with a skewed clock still counts down right.</param>
public sealed record PinCodeDto(
    [property: JsonPropertyName("userCode")] string UserCode,
    [property: JsonPropertyName("verificationUrl")] Uri VerificationUrl,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("expiresInSeconds")] int ExpiresInSeconds);
