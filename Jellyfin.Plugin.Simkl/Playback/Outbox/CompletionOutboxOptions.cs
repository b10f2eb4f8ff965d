using System;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>Bounds of the outbox, so a long outage or a bug can never fill the disk, and no wait is endless.</summary>
internal sealed record CompletionOutboxOptions
{
    public int MaxEntries { get; init; } = 5_000;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(60);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets the longest <c>Retry-After</c> the outbox honours; a longer one is read as this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Gets how soon a write the disk refused is tried again.</summary>
    public TimeSpan WriteRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets how much earlier than our own record of a watch Simkl's <c>last_watched_at</c> may be and still be that same
    /// watch (clocks differ; a stop reaches Simkl after the moment it happened, never before).
    /// </summary>
    public TimeSpan SameWatchTolerance { get; init; } = TimeSpan.FromMinutes(30);
}
