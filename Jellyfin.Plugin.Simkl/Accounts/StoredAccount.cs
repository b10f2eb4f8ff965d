using System;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// One link as written to the accounts file.
/// </summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="AccessToken">The access token.</param>
/// <param name="SimklUserName">The Simkl account's name.</param>
/// <param name="LinkedAt">When the user linked.</param>
/// <param name="IsBroken">Whether Simkl refused the token.</param>
/// <param name="RefreshToken">The refresh token, when the flow gave one.</param>
/// <param name="ExpiresAt">When the access token expires, when the flow said.</param>
internal sealed record StoredAccount(
    Guid UserId,
    string AccessToken,
    string? SimklUserName,
    DateTimeOffset LinkedAt,
    bool IsBroken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt);
