namespace Jellyfin.Plugin.Simkl.Testing.Crash;

public enum CrashKillKind
{
    None,

    /// <summary>SIGKILL after a random real delay from the child's start: boot, outbox replay, playing, stopping.</summary>
    RandomTime,

    /// <summary>SIGKILL while the child holds a write at a named point (sent, or answered by Simkl but not yet read).</summary>
    CrashPoint,

    /// <summary>SIGKILL as soon as the outbox's temporary file appears, before it replaces <c>outbox.json</c>.</summary>
    OutboxWrite,
}
