using System;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>Bounds of the outbox, so a long outage or a bug can never fill the disk.</summary>
internal sealed record CompletionOutboxOptions
{
    public int MaxEntries { get; init; } = 5_000;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Gets how long a completion waits for its own stop call before the replayer takes it over.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);
}
