using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// One Jellyfin user on the page: link state, options and last scrobble. Never a token.
/// </summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="UserName">The Jellyfin user's name.</param>
/// <param name="Linked">Whether the user has a Simkl link (working or broken).</param>
/// <param name="SimklUserName">The Simkl account's name, when linked and known.</param>
/// <param name="LinkBroken">Whether Simkl refused the token (a 401): the user must link again.</param>
/// <param name="LinkedAt">When the user linked.</param>
/// <param name="Options">The user's tracking options.</param>
/// <param name="LastScrobbleAt">When the last scrobble was attempted.</param>
/// <param name="LastScrobbleOutcome">How it ended.</param>
/// <param name="LastScrobbleItem">What it was for.</param>
public sealed record SimklUserDto(
    [property: JsonPropertyName("userId")] Guid UserId,
    [property: JsonPropertyName("userName")] string UserName,
    [property: JsonPropertyName("linked")] bool Linked,
    [property: JsonPropertyName("simklUserName")] string? SimklUserName,
    [property: JsonPropertyName("linkBroken")] bool LinkBroken,
    [property: JsonPropertyName("linkedAt")] DateTimeOffset? LinkedAt,
    [property: JsonPropertyName("options")] UserOptionsDto Options,
    [property: JsonPropertyName("lastScrobbleAt")] DateTimeOffset? LastScrobbleAt,
    [property: JsonPropertyName("lastScrobbleOutcome")] string? LastScrobbleOutcome,
    [property: JsonPropertyName("lastScrobbleItem")] string? LastScrobbleItem);
