namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// What the crash test's child process tells its parent, one line each on standard output, and the environment
/// variable that makes the child stop at a named point so the parent can kill it there.
/// </summary>
public static class CrashProtocol
{
    /// <summary>The plugin has booted (its outbox replay may already be running).</summary>
    public const string Ready = "READY";

    /// <summary><c>BEGIN i</c>: playback i's start event is raised.</summary>
    public const string Begin = "BEGIN";

    /// <summary><c>STOPPING i</c>: playback i's stop event is about to be raised.</summary>
    public const string Stopping = "STOPPING";

    /// <summary><c>STOPPED i</c>: the plugin has handled playback i's stop (a completion is on disk).</summary>
    public const string Stopped = "STOPPED";

    /// <summary><c>WRITE&gt; path</c>: a write leaves the plugin for Simkl.</summary>
    public const string WriteOut = "WRITE>";

    /// <summary><c>WRITE&lt; path status</c>: Simkl's answer to a write came back.</summary>
    public const string WriteBack = "WRITE<";

    /// <summary><c>PAUSED point path</c>: the child holds at a crash point and waits to be killed.</summary>
    public const string Paused = "PAUSED";

    /// <summary><c>TIME iso</c>: the child's simulated time.</summary>
    public const string Time = "TIME";

    /// <summary><c>OUTBOX n</c>: completions still waiting in the outbox when the child finished.</summary>
    public const string Outbox = "OUTBOX";

    /// <summary>Every playback of the batch is done and the outbox delivered: the child shuts down cleanly.</summary>
    public const string Finished = "FINISHED";

    /// <summary>
    /// Environment variable <c>point:pathPrefix:n</c>: hold the n-th write whose path starts with the prefix at the
    /// point (<see cref="WriteSent"/> or <see cref="WriteAnswered"/>).
    /// </summary>
    public const string PauseVariable = "SIMKL_CRASH_PAUSE";

    /// <summary>A write has left the plugin (its pacing and retries are behind it) and has not reached Simkl.</summary>
    public const string WriteSent = "write-sent";

    /// <summary>Simkl has handled a write and answered; the plugin has not seen the answer.</summary>
    public const string WriteAnswered = "write-answered";
}
