namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The state of a PIN code, from <c>GET /oauth/pin/{user_code}</c>.
/// </summary>
public enum PinPollStatus
{
    /// <summary><c>result: KO</c>: the user has not entered the code yet.</summary>
    Pending = 0,

    /// <summary><c>result: KO, message: Slow down</c>: poll less often.</summary>
    SlowDown,

    /// <summary><c>result: OK</c> with an access token.</summary>
    Approved,

    /// <summary>The code expired or is unknown to Simkl (it answers with a fresh code instead).</summary>
    Gone,

    /// <summary>The user refused (<c>access_denied</c>).</summary>
    Denied,
}
