using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>The correctness figures of a run (what the quick-mode test asserts) and the printed tables.</summary>
public sealed class SimulationFigures
{
    public int CompletionsExpected { get; set; }

    public int CompletionsRecorded { get; set; }

    public int Lost => CompletionsExpected - CompletionsRecorded;

    public int RecordedTwice { get; set; }

    /// <summary>Gets or sets watches Simkl holds for playbacks that did not reach the threshold (zapping, early stops).</summary>
    public int RecordedWithoutWatch { get; set; }

    /// <summary>Gets or sets the managed heap after the memory simulation's first (small) and second (large) batch of finished playbacks.</summary>
    public (long AfterFew, long AfterMany)? Heap { get; set; }

    /// <summary>Gets or sets how many finished playbacks the memory simulation played in each batch.</summary>
    public (int Few, int Many)? HeapPlaybacks { get; set; }

    /// <summary>Gets or sets the playbacks the tracker still holds after every playback of the memory simulation finished.</summary>
    public int? PlaybacksStillHeld { get; set; }

    /// <summary>Gets the heap growth per finished playback between the two batches (null when memory was not measured).</summary>
    public double? HeapGrowthPerPlayback
        => Heap is { } heap && HeapPlaybacks is { } count ? (double)(heap.AfterMany - heap.AfterFew) / (count.Many - count.Few) : null;

    /// <summary>Gets or sets the most requests Simkl received in any one second, over every run.</summary>
    public int MaxRequestsInAnySecond { get; set; }

    public TimeSpan? SmallestAccountWriteGap { get; set; }

    /// <summary>Gets or sets how many all-items reads broke Simkl's sync rule (history sync).</summary>
    public int SyncViolations { get; set; }

    /// <summary>Gets or sets how many history writes a second export made (it should have nothing to send).</summary>
    public int SyncResent { get; set; }

    public List<string> Tables { get; } = [];

    /// <summary>Gets, for each run that broke the burst target, the requests of its busiest second (what, when, whose).</summary>
    public List<string> BurstsOverLimit { get; } = [];

    /// <summary>Takes a run's pacing figures from what the fake Simkl received.</summary>
    public void Observe(string run, FakeSimklServer simkl)
    {
        ArgumentNullException.ThrowIfNull(simkl);
        var busiest = simkl.BusiestSecond();
        if (busiest.Count >= 3)
        {
            var origin = simkl.Requests.Min(r => r.Time);
            BurstsOverLimit.Add(run + ": " + string.Join("; ", busiest.Select(r => FormattableString.Invariant(
                $"{(r.Time - origin).TotalSeconds:0.000} s {r.Method} {r.Path} by {r.UserName ?? "nobody"} answered {r.Status}"))));
        }

        Observe(busiest.Count, simkl.SmallestWriteGap());
    }

    public void Observe(int maxPerSecond, TimeSpan? smallestGap)
    {
        MaxRequestsInAnySecond = Math.Max(MaxRequestsInAnySecond, maxPerSecond);
        if (smallestGap is { } gap && (SmallestAccountWriteGap is null || gap < SmallestAccountWriteGap))
        {
            SmallestAccountWriteGap = gap;
        }
    }
}
