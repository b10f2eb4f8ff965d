using System;
using System.Collections.Generic;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// A scripted playback as Jellyfin reports it: a start, automated progress once a second while playing, one event
/// per pause, resume or seek, and a stop. <see cref="StateChanges"/> counts what a perfect scrobbler would send.
/// </summary>
public sealed record PlaybackPlan(string Name, TimeSpan Runtime, IReadOnlyList<PlanStep> Steps)
{
    public int StateChanges => Steps.Count(s => s.IsStateChange);

    public int LengthSeconds => Steps[^1].Second;

    public double FinalPercent => Steps[^1].Position.TotalSeconds * 100 / Runtime.TotalSeconds;

    /// <summary>Builds a plan: play from 0, with pauses (at, seconds) and seeks (at, to) on the way, until <paramref name="stopAt"/>.</summary>
    public static PlaybackPlan Build(string name, TimeSpan runtime, TimeSpan stopAt, IReadOnlyList<(TimeSpan At, TimeSpan For)>? pauses = null, IReadOnlyList<(TimeSpan At, TimeSpan To)>? seeks = null)
    {
        var steps = new List<PlanStep> { new(0, PlanStepKind.Start, TimeSpan.Zero, false, true) };
        var second = 0;
        var position = TimeSpan.Zero;
        var pauseQueue = new Queue<(TimeSpan At, TimeSpan For)>((pauses ?? []).OrderBy(p => p.At));
        var seekQueue = new Queue<(TimeSpan At, TimeSpan To)>((seeks ?? []).OrderBy(s => s.At));
        while (position < stopAt)
        {
            second++;
            position += TimeSpan.FromSeconds(1);
            if (seekQueue.Count > 0 && position >= seekQueue.Peek().At)
            {
                position = seekQueue.Dequeue().To;
                steps.Add(new PlanStep(second, PlanStepKind.Progress, position, false, true));
                continue;
            }

            if (pauseQueue.Count > 0 && position >= pauseQueue.Peek().At)
            {
                var pause = pauseQueue.Dequeue();
                steps.Add(new PlanStep(second, PlanStepKind.Progress, position, true, true));
                second += (int)pause.For.TotalSeconds;
                steps.Add(new PlanStep(second, PlanStepKind.Progress, position, false, true));
                continue;
            }

            steps.Add(new PlanStep(second, PlanStepKind.Progress, position, false, false));
        }

        steps.Add(new PlanStep(second + 1, PlanStepKind.Stop, position, false, true));
        return new PlaybackPlan(name, runtime, steps);
    }

    /// <summary>A playback that lasts only a few seconds (zapping): a perfect scrobbler sends nothing.</summary>
    public static PlaybackPlan Zap(string name, TimeSpan runtime, int seconds)
    {
        var steps = new List<PlanStep> { new(0, PlanStepKind.Start, TimeSpan.Zero, false, false) };
        for (var s = 1; s <= seconds; s++)
        {
            steps.Add(new PlanStep(s, PlanStepKind.Progress, TimeSpan.FromSeconds(s), false, false));
        }

        steps.Add(new PlanStep(seconds + 1, PlanStepKind.Stop, TimeSpan.FromSeconds(seconds), false, false));
        return new PlaybackPlan(name, runtime, steps);
    }
}
