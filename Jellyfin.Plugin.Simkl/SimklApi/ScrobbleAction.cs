namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// The scrobble endpoints.
/// </summary>
public enum ScrobbleAction
{
    /// <summary><c>/scrobble/start</c>: playing (also on resume and after a seek).</summary>
    Start = 0,

    /// <summary><c>/scrobble/pause</c>: paused; Simkl keeps a resumable position.</summary>
    Pause,

    /// <summary><c>/scrobble/stop</c>: ended; at 80 % or more Simkl marks the item watched.</summary>
    Stop,
}
