using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Tunables of history sync (tests and benchmarks change them; the plugin uses the defaults).</summary>
internal sealed record SyncOptions
{
    /// <summary>Gets the most movies and episodes sent in one <c>POST /sync/history</c>: 1,000 played items cost 5 writes.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Gets how long a completion or an imported mark is remembered to keep it from being sent back.</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets how many "mark played" changes may wait for the background loop before new ones are dropped.</summary>
    public int FollowQueueCapacity { get; init; } = 2_000;
}
