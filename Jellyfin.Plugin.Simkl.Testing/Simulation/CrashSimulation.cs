using System;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Crash;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>The crash test as a part of the simulations: the quick run kills the plugin a few dozen times, the full run 200 times.</summary>
public static class CrashSimulation
{
    public const int QuickKills = 20;

    public const int FullKills = 200;

    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var kills = quick ? QuickKills : FullKills;
        var crash = await CrashRunner.RunAsync(new CrashRunOptions(kills));
        figures.CompletionsExpected += crash.CompletionsExpected;
        figures.CompletionsRecorded += crash.CompletionsRecorded;
        figures.RecordedTwice += crash.RecordedTwice;
        figures.RecordedWithoutWatch += crash.RecordedWithoutWatch;
        figures.Tables.Add(crash.ToTable($"Crashes: the plugin killed (SIGKILL) {crash.Kills} times in {crash.Children} processes, restarted each time on the same data"));
    }
}
