namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>How the parent means to kill one child: at a random moment, at a named crash point, during an outbox write, or not at all.</summary>
public sealed record CrashKill(CrashKillKind Kind, int DelayMilliseconds = 0, CrashPause? Pause = null, int OutboxWrite = 0)
{
    public override string ToString() => Kind switch
    {
        CrashKillKind.RandomTime => $"random time ({DelayMilliseconds} ms after start)",
        CrashKillKind.CrashPoint => $"crash point {Pause}",
        CrashKillKind.OutboxWrite => $"outbox write #{OutboxWrite}",
        _ => "none",
    };
}
