using System;
using System.Collections.Generic;
using System.Threading;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>The queue of writes for one Simkl account: one at a time, spaced, with the newest state per key.</summary>
internal sealed class AccountWriteLane
{
    public SemaphoreSlim Turn { get; } = new(1, 1);

    public object Sync { get; } = new();

    /// <summary>Gets the waiting write for each coalescing key.</summary>
    public Dictionary<string, PendingWrite> Waiting { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset NextWriteAt { get; set; } = DateTimeOffset.MinValue;
}
