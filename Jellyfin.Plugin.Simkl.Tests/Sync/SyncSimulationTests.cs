using System;
using System.IO;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Simulation;
using Xunit.Abstractions;

namespace Jellyfin.Plugin.Simkl.Tests.Sync;

/// <summary>The history-sync benchmark in quick mode, checked for correctness only: its timings are never asserted.</summary>
public sealed class SyncSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_quick_sync_run_keeps_Simkls_rules_and_sends_nothing_twice()
    {
        using var tables = new StringWriter();

        var figures = await SimulationRunner.RunAsync(quick: true, tables, "sync");
        output.WriteLine(tables.ToString());

        Assert.Equal(0, figures.SyncViolations);
        Assert.Equal(0, figures.SyncResent);
        Assert.Equal(0, figures.RecordedTwice);
        Assert.InRange(figures.MaxRequestsInAnySecond, 1, 2);
        Assert.True(figures.SmallestAccountWriteGap >= TimeSpan.FromSeconds(20), $"Smallest write gap {figures.SmallestAccountWriteGap}");
        Assert.Equal(2, figures.Tables.Count);
    }
}
