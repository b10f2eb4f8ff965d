using System;
using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// A Jellyfin user's link to a Simkl account. Has room for a refresh token and an expiry, which Simkl's planned
/// device flow will bring; today's PIN tokens have neither.
/// </summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="Token">The access token (its text form is redacted).</param>
/// <param name="SimklUserName">The Simkl account's name, to show "Connected as ...".</param>
/// <param name="LinkedAt">When the user linked.</param>
/// <param name="IsBroken">True after Simkl answered 401: the user revoked the app, or the token expired.</param>
/// <param name="RefreshToken">A refresh token, when the flow gave one.</param>
/// <param name="ExpiresAt">When the access token expires, when the flow said.</param>
/// <param name="SimklAccountId">The Simkl account's id (<c>account.id</c> of <c>/users/settings</c> at link time), when known.</param>
public sealed record SimklAccountLink(
    Guid UserId,
    SimklToken Token,
    string? SimklUserName,
    DateTimeOffset LinkedAt,
    bool IsBroken = false,
    SimklToken? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null,
    long? SimklAccountId = null);
