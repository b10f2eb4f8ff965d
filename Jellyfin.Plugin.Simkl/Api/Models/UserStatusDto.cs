using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>One Jellyfin user on the page: link state, options and latest activity. Never a token.</summary>
/// <param name="UserId">The Jellyfin user id.</param>
/// <param name="UserName">The Jellyfin user name.</param>
/// <param name="Linked">Whether a Simkl account is linked.</param>
/// <param name="SimklUserName">The linked Simkl account's name.</param>
/// <param name="LinkBroken">Whether Simkl rejected the account's token (the user revoked access).</param>
/// <param name="Options">The user's tracking options.</param>
/// <param name="LastScrobble">The latest tracking event, if any.</param>
public sealed record UserStatusDto(
    [property: JsonPropertyName("userId")] Guid UserId,
    [property: JsonPropertyName("userName")] string UserName,
    [property: JsonPropertyName("linked")] bool Linked,
    [property: JsonPropertyName("simklUserName")] string? SimklUserName,
    [property: JsonPropertyName("linkBroken")] bool LinkBroken,
    [property: JsonPropertyName("options")] UserOptionsDto Options,
    [property: JsonPropertyName("lastScrobble")] LastScrobbleDto? LastScrobble);
