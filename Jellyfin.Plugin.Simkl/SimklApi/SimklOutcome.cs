namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// What became of a call to Simkl. The HTTP status is checked before any body is read.
/// </summary>
public enum SimklOutcome
{
    /// <summary>2xx with a body that parsed.</summary>
    Success = 0,

    /// <summary>409: Simkl already has this (a repeated scrobble or history entry). Counts as done.</summary>
    AlreadyRecorded,

    /// <summary>404 (<c>id_err</c> on scrobbles), or a 2xx meaning "nothing found" (<c>null</c>, <c>[]</c>, <c>{}</c>).</summary>
    NotFound,

    /// <summary>401: the token is missing, invalid or revoked by the user.</summary>
    Unauthorized,

    /// <summary>400 <c>RATE_LIMIT</c>: the 20-second per-user lock was hit.</summary>
    UserLocked,

    /// <summary>429: a quota was exceeded; see <see cref="SimklResult{T}.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Any other 400 (or 422): the request was wrong. A bug; never retried.</summary>
    BadRequest,

    /// <summary>403: the app is not allowed (unapproved, or denied for API limits).</summary>
    Forbidden,

    /// <summary>412 <c>client_id_failed</c>: the client id is wrong (or its total quota is exhausted).</summary>
    InvalidClient,

    /// <summary>5xx, 408, a timeout, a broken connection or an unreadable body, after retries; or the circuit is open.</summary>
    Unavailable,

    /// <summary>A newer write with the same coalescing key replaced this one before it was sent.</summary>
    Superseded,
}
