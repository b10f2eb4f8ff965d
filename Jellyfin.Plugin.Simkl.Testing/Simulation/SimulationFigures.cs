using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>The correctness figures of a run (what the quick-mode test asserts) and the printed tables.</summary>
public sealed class SimulationFigures
{
    public int CompletionsExpected { get; set; }

    public int CompletionsRecorded { get; set; }

    public int Lost => CompletionsExpected - CompletionsRecorded;

    public int RecordedTwice { get; set; }

    /// <summary>Gets or sets the most requests Simkl received in any one second, over every run.</summary>
    public int MaxRequestsInAnySecond { get; set; }

    public TimeSpan? SmallestAccountWriteGap { get; set; }

    /// <summary>Gets or sets how many all-items reads broke Simkl's sync rule (history sync).</summary>
    public int SyncViolations { get; set; }

    /// <summary>Gets or sets how many history writes a second export made (it should have nothing to send).</summary>
    public int SyncResent { get; set; }

    public List<string> Tables { get; } = [];

    public void Observe(int maxPerSecond, TimeSpan? smallestGap)
    {
        MaxRequestsInAnySecond = Math.Max(MaxRequestsInAnySecond, maxPerSecond);
        if (smallestGap is { } gap && (SmallestAccountWriteGap is null || gap < SmallestAccountWriteGap))
        {
            SmallestAccountWriteGap = gap;
        }
    }
}
