using System;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>One linked account as kept on disk (never in the plugin configuration, which the server hands to browsers).</summary>
internal sealed record StoredAccount(
    Guid UserId,
    string AccessToken,
    string? SimklUserName,
    DateTimeOffset LinkedAt,
    bool IsBroken,
    string? RefreshToken,
    DateTimeOffset? ExpiresAt,
    long? SimklAccountId = null);
