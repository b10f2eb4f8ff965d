using System;
using System.IO;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Simulation;
using Xunit.Abstractions;

namespace Jellyfin.Plugin.Simkl.Tests.Benchmarks;

/// <summary>The benchmark's quick mode, checked for correctness only: its timings are never asserted.</summary>
[Collection(MeasuredAlone.Name)]
public sealed class QuickRunTests(ITestOutputHelper output)
{
    /// <summary>Allowance for the collector's noise between two measurements (a few kilobytes over thousands of playbacks).</summary>
    private const double MaxHeapGrowthPerPlayback = 32;

    [Fact]
    public async Task The_quick_run_loses_nothing_records_nothing_twice_and_never_bursts()
    {
        using var tables = new StringWriter();

        // The crash part has a test of its own (CrashTests), at the same size.
        var figures = await SimulationRunner.RunAsync(quick: true, tables, except: "crash");
        output.WriteLine(tables.ToString());

        Assert.True(figures.CompletionsExpected > 0);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.RecordedTwice);
        Assert.Equal(0, figures.RecordedWithoutWatch);
        Assert.True(figures.MaxRequestsInAnySecond is 1 or 2, $"Most requests in one second: {figures.MaxRequestsInAnySecond}. {string.Join(" | ", figures.BurstsOverLimit)}");
        Assert.True(figures.SmallestAccountWriteGap >= TimeSpan.FromSeconds(20), $"Smallest write gap {figures.SmallestAccountWriteGap}");
        Assert.Equal(4, figures.Tables.Count);

        // Memory stays flat: no finished playback is held, and the heap does not grow with the number of playbacks.
        // A tracker keeping one small record per finished playback grows by a few hundred bytes each.
        Assert.Equal(0, figures.PlaybacksStillHeld);
        Assert.True(figures.HeapGrowthPerPlayback < MaxHeapGrowthPerPlayback, $"The heap grew by {figures.HeapGrowthPerPlayback:0.#} bytes per finished playback");
    }
}
