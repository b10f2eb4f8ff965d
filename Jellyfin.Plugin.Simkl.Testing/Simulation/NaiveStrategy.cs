using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// The strategies other scrobblers use, modelled by the calls they would issue for a plan (they are not sent: their
/// point is the count, and what Simkl's 20-second per-user lock would refuse).
/// </summary>
public sealed record NaiveStrategy(string Name, Func<PlaybackPlan, IReadOnlyList<int>> CallSeconds)
{
    public static readonly NaiveStrategy PerEvent = new("one call per progress event", plan =>
    {
        var calls = new List<int>();
        foreach (var step in plan.Steps)
        {
            calls.Add(step.Second);
        }

        return calls;
    });

    public static readonly NaiveStrategy Heartbeat30s = new("30-second heartbeat", plan => Periodic(plan, 30));

    public static readonly NaiveStrategy Refresh10min = new("10-minute refresh", plan => Periodic(plan, 600));

    public static IReadOnlyList<NaiveStrategy> All { get; } = [PerEvent, Heartbeat30s, Refresh10min];

    /// <summary>Counts the calls a single account would have refused by Simkl's 20 s lock.</summary>
    public static int RefusedByLock(IReadOnlyList<int> callSeconds)
    {
        var refused = 0;
        int? lastAccepted = null;
        foreach (var second in callSeconds)
        {
            if (lastAccepted is { } last && second - last < 20)
            {
                refused++;
                continue;
            }

            lastAccepted = second;
        }

        return refused;
    }

    // A call on start, stop, pause and resume, plus one every period while playing.
    private static List<int> Periodic(PlaybackPlan plan, int period)
    {
        var calls = new List<int>();
        var lastCall = int.MinValue;
        var paused = false;
        foreach (var step in plan.Steps)
        {
            var changed = step.Kind != PlanStepKind.Progress || step.Paused != paused;
            paused = step.Paused;
            if (changed || (!paused && step.Second - lastCall >= period))
            {
                calls.Add(step.Second);
                lastCall = step.Second;
            }
        }

        return calls;
    }
}
