using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// Many concurrent playbacks across many users through the whole plugin, the real client and the fake Simkl: the
/// burst limit, the per-account spacing and how long a decided start waits before it reaches Simkl.
/// </summary>
public static class ScaleSimulation
{
    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var playbacks = quick ? 40 : 200;
        var users = quick ? 10 : 50;
        var runtime = TimeSpan.FromMinutes(quick ? 24 : 110);
        var watched = TimeSpan.FromMinutes(quick ? 21 : 100);
        var staggerSeconds = quick ? 120 : 600;

        await using var harness = await TrackingHarness.StartAsync();
        var plan = PlaybackPlan.Build("scale", runtime, watched);
        var scheduled = await ScheduleAsync(harness, plan, playbacks, users, staggerSeconds, "scale");
        var started = DateTimeOffset.UtcNow;
        var origin = await EngineDriver.RunAsync(harness, scheduled);
        var wall = DateTimeOffset.UtcNow - started;

        var simkl = harness.Simkl;
        var latencies = StartLatencies(harness, scheduled, origin).Order().ToList();
        figures.Observe("scale", simkl);
        figures.CompletionsExpected += playbacks;
        figures.CompletionsRecorded += Recorded(harness, scheduled);
        figures.RecordedTwice += simkl.CountRecordedTwice();

        var simulated = TimeSpan.FromSeconds(scheduled.Max(p => p.EndSecond));
        figures.Tables.Add(TextTable.Format(
            $"Scale: {playbacks} concurrent playbacks across {users} users, {simulated.TotalHours:0.#} simulated hours",
            ["Figure", "Value", "Target"],
            [
                ["Progress events handled", scheduled.Sum(p => p.Plan.Steps.Count).ToString("N0", CultureInfo.InvariantCulture), string.Empty],
                ["Requests to Simkl", simkl.Requests.Count.ToString(CultureInfo.InvariantCulture), "one per state change"],
                ["Most requests in any one second", simkl.MaxRequestsInAnySecond().ToString(CultureInfo.InvariantCulture), "< 3"],
                ["Smallest gap between two writes of one account", Seconds(simkl.SmallestWriteGap()), ">= 20 s"],
                ["Writes refused by Simkl's 20 s lock", simkl.LockViolations.ToString(CultureInfo.InvariantCulture), "0"],
                ["Start latency, decision to request: median", Seconds(Percentile(latencies, 0.5)), string.Empty],
                ["Start latency, decision to request: 95th percentile", Seconds(Percentile(latencies, 0.95)), string.Empty],
                ["Completions recorded / expected", $"{Recorded(harness, scheduled)} / {playbacks}", "all"],
                ["Wall-clock time of this run", Seconds(wall), string.Empty],
            ]));
    }

    internal static async Task<List<ScheduledPlayback>> ScheduleAsync(TrackingHarness harness, PlaybackPlan plan, int playbacks, int users, int staggerSeconds, string prefix)
    {
        var people = new List<Database.Implementations.Entities.User>();
        for (var u = 0; u < users; u++)
        {
            people.Add(await harness.AddLinkedUserAsync(prefix + "-user-" + u.ToString(CultureInfo.InvariantCulture)));
        }

        var random = new Random(42);
        var scheduled = new List<ScheduledPlayback>();
        for (var i = 0; i < playbacks; i++)
        {
            var user = people[i % users];
            var imdb = "tt" + (8000000 + i).ToString(CultureInfo.InvariantCulture);
            harness.Simkl.AddMovie(prefix + " " + i, 2021, ("imdb", imdb));
            var item = harness.AddMovie(prefix + " " + i, 2021, plan.Runtime, (MetadataProvider.Imdb, imdb));
            scheduled.Add(new ScheduledPlayback(plan, user, item, harness.Session(user, "device-" + i.ToString(CultureInfo.InvariantCulture)), random.Next(staggerSeconds), imdb));
        }

        return scheduled;
    }

    internal static int Recorded(TrackingHarness harness, IReadOnlyList<ScheduledPlayback> scheduled)
    {
        var recorded = harness.Simkl.History.Select(h => (h.UserName, h.SimklId)).ToHashSet();
        return scheduled.Count(p => recorded.Contains((p.User.Username, SimklIdOf(harness, p.ItemKey))));
    }

    private static long SimklIdOf(TrackingHarness harness, string imdb)
        => harness.Simkl.CatalogIdOf("imdb", imdb);

    private static IEnumerable<TimeSpan> StartLatencies(TrackingHarness harness, IReadOnlyList<ScheduledPlayback> scheduled, DateTimeOffset origin)
    {
        var starts = harness.Simkl.Requests
            .Where(r => r.Path == "/scrobble/start")
            .Select(r => (Imdb: JsonNode.Parse(r.Body)?["movie"]?["ids"]?["imdb"]?.GetValue<string>(), r.Time))
            .Where(r => r.Imdb is not null)
            .GroupBy(r => r.Imdb!)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Time));
        foreach (var playback in scheduled)
        {
            if (starts.TryGetValue(playback.ItemKey, out var sent))
            {
                // The engine decides at the first event after 20 s of playback (one event a second).
                var decided = origin + TimeSpan.FromSeconds(playback.StartSecond + 20);
                yield return sent - decided;
            }
        }
    }

    private static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double percentile)
        => sorted.Count == 0 ? null : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(percentile * sorted.Count) - 1)];

    private static string Seconds(TimeSpan? value)
        => value is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "n/a";
}
