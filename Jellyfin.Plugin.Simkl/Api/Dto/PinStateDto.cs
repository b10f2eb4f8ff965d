using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// Where a user's PIN flow stands: <c>pending</c>, <c>linked</c>, <c>expired</c> or <c>failed</c>.
/// </summary>
/// <param name="State">The state.</param>
/// <param name="SimklUserName">The Simkl account's name, once linked.</param>
/// <param name="Message">What went wrong, or why the wait is longer.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="ExpiresInSeconds">How long the code is still valid.</param>
public sealed record PinStateDto(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("simklUserName")] string? SimklUserName,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("expiresInSeconds")] int? ExpiresInSeconds);
