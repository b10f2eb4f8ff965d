using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>Plays scheduled playbacks side by side through the whole plugin, one simulated second at a time.</summary>
public static class EngineDriver
{
    /// <summary>Plays the schedule to the end and lets every call finish.</summary>
    /// <returns>The simulated time of second 0.</returns>
    public static async Task<DateTimeOffset> RunAsync(TrackingHarness harness, IReadOnlyList<ScheduledPlayback> playbacks, Func<int, Task>? beforeSecond = null)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var origin = harness.Time.GetUtcNow();
        var cursors = new int[playbacks.Count];
        var end = playbacks.Max(p => p.EndSecond);
        for (var second = 0; second <= end; second++)
        {
            if (beforeSecond is not null)
            {
                await beforeSecond(second);
            }

            for (var i = 0; i < playbacks.Count; i++)
            {
                var playback = playbacks[i];
                var steps = playback.Plan.Steps;
                while (cursors[i] < steps.Count && playback.StartSecond + steps[cursors[i]].Second == second)
                {
                    Emit(harness, playback, steps[cursors[i]]);
                    cursors[i]++;
                }
            }

            await harness.TickAsync();
            if (second % 20 == 0)
            {
                await harness.Time.SettleAsync();
            }
        }

        await harness.FinishAsync(TimeSpan.FromHours(4));
        return origin;
    }

    private static void Emit(TrackingHarness harness, ScheduledPlayback playback, PlanStep step)
    {
        switch (step.Kind)
        {
            case PlanStepKind.Start:
                harness.Start(playback.Session, playback.Item, step.Position, step.Paused, playback.User);
                break;
            case PlanStepKind.Progress:
                harness.Progress(playback.Session, playback.Item, step.Position, step.Paused, playback.User);
                break;
            default:
                harness.Stop(playback.Session, playback.Item, step.Position, playback.User);
                break;
        }
    }
}
