using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// The scale load while the fake Simkl misbehaves: bursts of 5xx, answers slower than the timeout, 429 with
/// Retry-After, a long outage, and a plugin restart in the middle of it. Every finished watch must be in Simkl's
/// history exactly once at the end.
/// </summary>
public static class SoakSimulation
{
    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var playbacks = quick ? 20 : 100;
        var users = quick ? 5 : 50;
        var runtime = TimeSpan.FromMinutes(quick ? 12 : 45);
        var watched = TimeSpan.FromMinutes(quick ? 11 : 42);
        var staggerSeconds = quick ? 600 : 6000;
        var outage = quick ? (Start: 300, End: 900) : (Start: 3600, End: 7200);
        var restartAt = (outage.Start + outage.End) / 2;

        await using var harness = await TrackingHarness.StartAsync();
        var plan = PlaybackPlan.Build("soak", runtime, watched);
        var scheduled = await ScaleSimulation.ScheduleAsync(harness, plan, playbacks, users, staggerSeconds, "soak");
        var simkl = harness.Simkl;
        var injected = 0;
        await EngineDriver.RunAsync(harness, scheduled, async second =>
        {
            if (second == outage.Start)
            {
                simkl.Down = true;
            }
            else if (second == outage.End)
            {
                simkl.Down = false;
            }

            if (second == restartAt)
            {
                await harness.RestartAsync();
            }

            if (second > 0 && second % 420 == 0)
            {
                simkl.Inject(FakeSimklFault.Status(503, count: 3));
                injected += 3;
            }

            if (second > 0 && second % 660 == 0)
            {
                simkl.Inject(FakeSimklFault.Slow(TimeSpan.FromMinutes(2)));
                injected++;
            }

            if (second > 0 && second % 780 == 0)
            {
                simkl.Inject(FakeSimklFault.Status(429, retryAfter: TimeSpan.FromSeconds(20)));
                injected++;
            }

            if (second > 0 && second % 900 == 0)
            {
                simkl.Inject(FakeSimklFault.Of(FakeSimklFaultKind.DropConnection));
                injected++;
            }
        });

        // Simkl is back: let the outbox replay (with its backoff) until it is empty.
        await harness.Time.AdvanceAsync(TimeSpan.FromHours(3), TimeSpan.FromSeconds(5));

        var recorded = ScaleSimulation.Recorded(harness, scheduled);
        var twice = simkl.CountRecordedTwice();
        figures.Observe("soak", simkl);
        figures.CompletionsExpected += playbacks;
        figures.CompletionsRecorded += recorded;
        figures.RecordedTwice += twice;
        var failed = simkl.Requests.Count(r => r.Status is >= 500 or 429 or -1 || (r.Status == 200 && simkl.Down));
        figures.Tables.Add(TextTable.Format(
            $"Soak with faults: {playbacks} playbacks across {users} users, a {(outage.End - outage.Start) / 60}-minute outage, a restart during it",
            ["Figure", "Value", "Target"],
            [
                ["Faults injected (5xx bursts, slow answers, 429, dropped connections)", injected.ToString(CultureInfo.InvariantCulture), string.Empty],
                ["Requests answered with an error or cut off", failed.ToString(CultureInfo.InvariantCulture), string.Empty],
                ["Completions expected", playbacks.ToString(CultureInfo.InvariantCulture), string.Empty],
                ["Completions recorded", recorded.ToString(CultureInfo.InvariantCulture), "all"],
                ["Lost", (playbacks - recorded).ToString(CultureInfo.InvariantCulture), "0"],
                ["Recorded twice", twice.ToString(CultureInfo.InvariantCulture), "0"],
                ["Recorded by scrobble stop / by history replay", $"{simkl.History.Count(h => h.Via == "scrobble")} / {simkl.History.Count(h => h.Via == "history")}", string.Empty],
                ["Most requests in any one second", simkl.MaxRequestsInAnySecond().ToString(CultureInfo.InvariantCulture), "< 3"],
                ["Writes refused by Simkl's 20 s lock", simkl.LockViolations.ToString(CultureInfo.InvariantCulture), "0"],
            ]));
    }
}
