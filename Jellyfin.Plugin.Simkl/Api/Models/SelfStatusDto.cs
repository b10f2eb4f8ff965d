using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>What the self-service page shows the signed-in user about themselves. Never a token.</summary>
/// <param name="UserId">The caller's Jellyfin user id.</param>
/// <param name="UserName">The caller's Jellyfin user name.</param>
/// <param name="Linked">Whether a Simkl account is linked.</param>
/// <param name="SimklUserName">The linked Simkl account's name.</param>
/// <param name="LinkBroken">Whether Simkl rejected the account's token (access was revoked).</param>
/// <param name="HasClientId">Whether linking is possible at all (the administrator has a Simkl client id).</param>
/// <param name="Options">The caller's tracking options.</param>
public sealed record SelfStatusDto(
    [property: JsonPropertyName("userId")] Guid UserId,
    [property: JsonPropertyName("userName")] string UserName,
    [property: JsonPropertyName("linked")] bool Linked,
    [property: JsonPropertyName("simklUserName")] string? SimklUserName,
    [property: JsonPropertyName("linkBroken")] bool LinkBroken,
    [property: JsonPropertyName("hasClientId")] bool HasClientId,
    [property: JsonPropertyName("options")] UserOptionsDto Options);
