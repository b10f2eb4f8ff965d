using System;
using System.IO;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>Runs the simulations on simulated time and prints their tables.</summary>
public static class SimulationRunner
{
    public static readonly string[] Parts = ["budget", "scale", "memory", "soak", "sync"];

    public static async Task<SimulationFigures> RunAsync(bool quick, TextWriter output, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var figures = new SimulationFigures();
        foreach (var part in Parts)
        {
            if (only is not null && !string.Equals(only, part, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (quick && only is null && part == "sync")
            {
                // The quick run checks scrobbling; history sync has its own quick check (--quick --only sync).
                continue;
            }

            var before = figures.Tables.Count;
            var task = part switch
            {
                "budget" => BudgetSimulation.RunAsync(quick, figures),
                "scale" => ScaleSimulation.RunAsync(quick, figures),
                "memory" => MemorySimulation.RunAsync(quick, figures),
                "sync" => SyncSimulation.RunAsync(quick, figures),
                _ => SoakSimulation.RunAsync(quick, figures),
            };
            await task;
            for (var i = before; i < figures.Tables.Count; i++)
            {
                await output.WriteLineAsync(figures.Tables[i]);
            }
        }

        return figures;
    }
}
