using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// Calls to Simkl per playback for scripted playbacks: our engine (really run, through the real client, against the
/// fake Simkl) next to the naive strategies other scrobblers use (counted from the same scripts).
/// </summary>
public static class BudgetSimulation
{
    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var minutes = quick ? 30 : 130;
        var movie = PlaybackPlan.Build(
            "movie",
            TimeSpan.FromMinutes(minutes),
            TimeSpan.FromMinutes(minutes - 5),
            pauses: [(TimeSpan.FromMinutes(minutes * 0.3), TimeSpan.FromMinutes(5)), (TimeSpan.FromMinutes(minutes * 0.6), TimeSpan.FromMinutes(3))],
            seeks: [(TimeSpan.FromMinutes(minutes * 0.45), TimeSpan.FromMinutes(minutes * 0.52))]);
        var episodeMinutes = quick ? 10 : 45;
        var episodes = quick ? 3 : 10;
        var episode = PlaybackPlan.Build("episode", TimeSpan.FromMinutes(episodeMinutes), TimeSpan.FromMinutes(episodeMinutes - 1));
        var zaps = quick ? 5 : 20;
        var zap = PlaybackPlan.Zap("zap", TimeSpan.FromMinutes(90), 8);

        var rows = new List<IReadOnlyList<string>>
        {
            await ScenarioAsync($"{minutes}-min movie, 1 Hz progress, 2 pauses, 1 seek", [movie], figures),
            await ScenarioAsync($"binge of {episodes} episodes ({episodeMinutes} min)", Enumerable.Repeat(episode, episodes).ToList(), figures),
            await ScenarioAsync($"zapping through {zaps} items (8 s each)", Enumerable.Repeat(zap, zaps).ToList(), figures),
        };

        var header = new List<string> { "Scenario (per playback)", "State changes", "This plugin" };
        header.AddRange(NaiveStrategy.All.Select(s => s.Name + " (refused by 20 s lock)"));
        figures.Tables.Add(TextTable.Format("API budget: calls to Simkl per playback", header, rows));
    }

    private static async Task<IReadOnlyList<string>> ScenarioAsync(string name, IReadOnlyList<PlaybackPlan> plans, SimulationFigures figures)
    {
        await using var harness = await TrackingHarness.StartAsync();
        var alice = await harness.AddLinkedUserAsync("alice");
        var session = harness.Session(alice);
        var scheduled = new List<ScheduledPlayback>();
        var start = 0;
        for (var i = 0; i < plans.Count; i++)
        {
            var imdb = "tt" + (7000000 + i).ToString(CultureInfo.InvariantCulture);
            harness.Simkl.AddMovie(name + " " + i, 2020, ("imdb", imdb));
            var item = harness.AddMovie(name + " " + i, 2020, plans[i].Runtime, (MetadataProvider.Imdb, imdb));
            scheduled.Add(new ScheduledPlayback(plans[i], alice, item, session, start, imdb));
            start += plans[i].LengthSeconds + 5;
        }

        await EngineDriver.RunAsync(harness, scheduled);
        figures.Observe("budget, " + name, harness.Simkl);

        // Counted per item from what really reached Simkl: a watch of an item that was only zapped is an error, not a bonus.
        var history = harness.Simkl.History.Select(h => h.SimklId).ToHashSet();
        var watched = scheduled.Where(p => p.Plan.FinalPercent >= 80).ToList();
        figures.CompletionsExpected += watched.Count;
        figures.CompletionsRecorded += watched.Count(p => history.Contains(harness.Simkl.CatalogIdOf("imdb", p.ItemKey)));
        figures.RecordedWithoutWatch += scheduled.Except(watched).Count(p => history.Contains(harness.Simkl.CatalogIdOf("imdb", p.ItemKey)));
        figures.RecordedTwice += harness.Simkl.CountRecordedTwice();

        string PerPlayback(double calls) => (calls / plans.Count).ToString("0.##", CultureInfo.InvariantCulture);
        var row = new List<string> { name, PerPlayback(plans.Sum(p => p.StateChanges)), PerPlayback(harness.Simkl.Requests.Count) };
        foreach (var strategy in NaiveStrategy.All)
        {
            var calls = plans.Select(p => strategy.CallSeconds(p)).ToList();
            row.Add($"{PerPlayback(calls.Sum(c => c.Count))} ({PerPlayback(calls.Sum(NaiveStrategy.RefusedByLock))})");
        }

        return row;
    }
}
