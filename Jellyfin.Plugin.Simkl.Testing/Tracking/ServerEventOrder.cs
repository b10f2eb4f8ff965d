namespace Jellyfin.Plugin.Simkl.Testing.Tracking;

/// <summary>How the tracking harness delivers <c>PlaybackStart</c> and <c>PlaybackStopped</c> (progress is always at once).</summary>
public enum ServerEventOrder
{
    /// <summary>Queued on the thread pool, as Jellyfin's SessionManager does: they may run after later progress, concurrently.</summary>
    ThreadPool = 0,

    /// <summary>Kept until the test calls <see cref="TrackingHarness.ReleaseQueuedEvents"/>: a chosen, repeatable order.</summary>
    Held,

    /// <summary>Raised at once on the caller's thread, in the order the test raises them (a kinder world than the server).</summary>
    Immediate,
}
