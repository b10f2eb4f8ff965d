using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// A started PIN flow: the code to show and where to enter it.
/// </summary>
/// <param name="UserCode">The code the user enters at Simkl.</param>
/// <param name="VerificationUrl">Where the user enters it.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="ExpiresInSeconds">How long the code is valid from now, for a countdown that does not depend on the browser's clock.</param>
public sealed record PinStartedDto(
    [property: JsonPropertyName("userCode")] string UserCode,
    [property: JsonPropertyName("verificationUrl")] Uri VerificationUrl,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("expiresInSeconds")] int ExpiresInSeconds);
