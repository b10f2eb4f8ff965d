using System.IO;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Crash;
using Jellyfin.Plugin.Simkl.Testing.Simulation;
using Xunit.Abstractions;

namespace Jellyfin.Plugin.Simkl.Tests.Crash;

/// <summary>
/// The crash test's quick run: the plugin in child processes, killed with SIGKILL at random moments, while it holds a
/// write Simkl has answered, and inside outbox writes, then started again on the same data folder. The full run (200
/// kills and more) is in the benchmark command: <c>--only crash</c>.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_server_at_any_moment_loses_no_watch_and_records_none_twice()
    {
        using var log = new StringWriter();

        var figures = await CrashRunner.RunAsync(new CrashRunOptions(CrashSimulation.QuickKills), log);
        output.WriteLine(figures.ToTable("Crash test (quick)"));
        output.WriteLine(log.ToString());

        Assert.True(figures.Kills >= CrashSimulation.QuickKills, $"Only {figures.Kills} kills");
        Assert.True(figures.KillsAfterSimklAnswered > 0, "No kill landed after Simkl answered a write");
        Assert.True(figures.CompletionsExpected > 0);
        Assert.True(figures.Clean, figures.ToTable("Crash test (quick)"));

        // A refused write costs a call and is sent again; the log names each refusal with its time (see CrashRunner).
        Assert.True(figures.LockViolations == 0, $"Writes refused by Simkl's 20-second lock: {figures.LockViolations}. {log}");
    }
}
