namespace Jellyfin.Plugin.Simkl.Testing.Crash;

public enum CrashPlaybackState
{
    /// <summary>Not played yet, or played by a child killed before its stop: played again (from the start) by a later child.</summary>
    Pending,

    /// <summary>The plugin handled the stop: its watch is on disk and must reach Simkl exactly once.</summary>
    Stopped,

    /// <summary>The child died between raising the stop and handling it: the watch may never have reached the disk, so it must be recorded at most once.</summary>
    Uncertain,
}
