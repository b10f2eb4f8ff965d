namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// How an attempt to start the PIN flow ended.
/// </summary>
public enum PinStartOutcome
{
    /// <summary>Simkl gave a code; the server now waits for the user to enter it.</summary>
    Started = 0,

    /// <summary>No Simkl client id is configured, so Simkl cannot be asked.</summary>
    NoClientId,

    /// <summary>Simkl could not be reached (or is too busy right now).</summary>
    Unreachable,

    /// <summary>Simkl refused the request (the client id is wrong or the app is not allowed).</summary>
    Refused,
}
