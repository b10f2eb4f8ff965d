using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Jellyfin.Plugin.Simkl.Testing.Sync;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// History sync at library scale, through the sync core, the real client and the fake Simkl on simulated time: a
/// library of movies and episodes, users with thousands of played items (some already on Simkl from scrobbling), a
/// first export, a second one, then imports when nothing changed and when one item changed.
/// </summary>
public static class SyncSimulation
{
    private static readonly DateTimeOffset PlayedBase = new(2020, 1, 1, 20, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var movieCount = quick ? 2_000 : 20_000;
        var showCount = quick ? 100 : 1_000;
        const int EpisodesPerShow = 50;
        int[] playedPerUser = quick ? [200, 600, 1_000] : [2_000, 5_000, 8_000, 12_000, 20_000];

        await using var harness = await SyncHarness.StartAsync();
        var simkl = harness.Simkl;
        var library = harness.Library;
        var random = new Random(7);

        // The library; a few movies carry an IMDb id Simkl does not know (home-made ids, typos).
        var movies = new List<TrackedItem>(movieCount);
        for (var i = 0; i < movieCount; i++)
        {
            var imdb = "tt" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            if (i % 500 != 499)
            {
                simkl.AddMovie("Movie " + i, 1950 + (i % 70), ("imdb", imdb));
            }

            movies.Add(library.AddMovie("Movie " + i, 1950 + (i % 70), ("imdb", imdb)));
        }

        var episodes = new List<TrackedItem>(showCount * EpisodesPerShow);
        var shows = new List<FakeSimklItem>(showCount);
        for (var s = 0; s < showCount; s++)
        {
            var tvdb = (300_000 + s).ToString(CultureInfo.InvariantCulture);
            shows.Add(simkl.AddShow("Show " + s, 2000 + (s % 25), ("tvdb", tvdb)));
            for (var e = 0; e < EpisodesPerShow; e++)
            {
                episodes.Add(library.AddEpisode("Show " + s, 2000 + (s % 25), 1 + (e / 10), 1 + (e % 10), [("tvdb", tvdb)]));
            }
        }

        // Users: a third of their played items are movies; one in ten was already scrobbled to Simkl.
        var users = new List<(Guid Id, FakeSimklUser Simkl, int Played)>();
        foreach (var (played, u) in playedPerUser.Select((p, u) => (p, u)))
        {
            var account = simkl.AddUser("user" + u.ToString(CultureInfo.InvariantCulture));
            var userId = await harness.LinkAsync(account, export: true, import: false);
            var picks = movies.OrderBy(_ => random.Next()).Take(played / 3).Concat(episodes.OrderBy(_ => random.Next()).Take(played - (played / 3)));
            foreach (var (item, n) in picks.Select((item, n) => (item, n)))
            {
                var when = PlayedBase.AddHours(n);
                library.MarkPlayed(userId, item, when);
                if (n % 10 == 0)
                {
                    var onSimkl = item.Kind == TrackedMediaKind.Movie
                        ? simkl.FindByImdb(item.Ids["imdb"]!)
                        : shows[int.Parse(item.Ids["tvdb"]!, CultureInfo.InvariantCulture) - 300_000];
                    if (onSimkl is not null)
                    {
                        simkl.WatchOnSimkl(account, onSimkl, item.Season, item.Episode, when);
                    }
                }
            }

            users.Add((userId, account, played));
        }

        await harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        var step = TimeSpan.FromSeconds(1);

        // First export, user by user, so each user's calls, time and memory can be told apart.
        var exportRows = new List<IReadOnlyList<string>>();
        (TimeSpan Wall, TimeSpan Simulated, long HeapBefore, long HeapPeak, long HeapAfter, long Settled) largest = default;
        foreach (var (userId, account, played) in users)
        {
            var before = simkl.Requests.Count;
            var heapBefore = Heap();
            long heapPeak = 0;
            var samples = 0;
            var progress = new SyncProgress(p =>
            {
                // A few full-GC samples during the run: memory must not grow with the items streamed.
                if (p >= samples * 25 && samples < 4)
                {
                    samples++;
                    heapPeak = Math.Max(heapPeak, Heap());
                }
            });
            var wall = Stopwatch.StartNew();
            var startedAt = harness.Time.GetUtcNow();
            var summary = await harness.RunAsync(harness.PerUser.ExportAsync(userId, progress, CancellationToken.None), step);
            wall.Stop();
            var simulated = harness.Time.GetUtcNow() - startedAt;
            var requests = simkl.Requests.Skip(before).ToList();
            var writes = requests.Count(r => r.Path == "/sync/history");
            exportRows.Add([
                account.Name,
                played.ToString("N0", CultureInfo.InvariantCulture),
                summary.Sent.ToString("N0", CultureInfo.InvariantCulture),
                summary.NotFound.ToString("N0", CultureInfo.InvariantCulture),
                requests.Count(r => r.Path.StartsWith("/sync/a", StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture),
                writes.ToString(CultureInfo.InvariantCulture),
                (requests.Count * 1000.0 / played).ToString("0.0", CultureInfo.InvariantCulture),
                Minutes(simulated),
                Seconds(wall.Elapsed),
            ]);
            if (played == users.Max(x => x.Played))
            {
                var settledFile = new FileInfo(Path.Combine(harness.DataFolder, SyncStateStore.FolderName, userId.ToString("N") + ".settled"));
                largest = (wall.Elapsed, simulated, heapBefore, Math.Max(heapPeak, heapBefore), Heap(), settledFile.Exists ? settledFile.Length : 0);
            }
        }

        // A second export: nothing new to send.
        var beforeSecond = simkl.Requests.Count;
        await harness.RunAsync(harness.ExportRunner.RunAsync(new SyncProgress(_ => { }), CancellationToken.None), step);
        var secondWrites = simkl.Requests.Skip(beforeSecond).Count(r => r.Path == "/sync/history");

        // Imports: switch import on; the first import catches up; then nothing changed; then one item changed.
        foreach (var (userId, _, _) in users)
        {
            harness.SetOptions(userId, export: true, import: true, follow: false, unmark: false);
        }

        await harness.Time.AdvanceAsync(TimeSpan.FromMinutes(10), step);
        await harness.RunAsync(harness.ImportRunner.RunAsync(new SyncProgress(_ => { }), CancellationToken.None), step);
        await harness.Time.AdvanceAsync(TimeSpan.FromHours(6), TimeSpan.FromSeconds(30));
        var beforeIdle = simkl.Requests.Count;
        await harness.RunAsync(harness.ImportRunner.RunAsync(new SyncProgress(_ => { }), CancellationToken.None), step);
        var idle = simkl.Requests.Skip(beforeIdle).ToList();

        var changedUser = users[0];
        simkl.WatchOnSimkl(changedUser.Simkl, shows[^1], 5, 10, harness.Time.GetUtcNow());
        await harness.Time.AdvanceAsync(TimeSpan.FromHours(6), TimeSpan.FromSeconds(30));
        var beforeOne = simkl.Requests.Count;
        await harness.RunAsync(harness.ImportRunner.RunAsync(new SyncProgress(_ => { }), CancellationToken.None), step);
        var one = simkl.Requests.Skip(beforeOne).ToList();
        var markedOne = library.IsPlayed(changedUser.Id, episodes[^1].ItemId);

        var largestUser = users.MaxBy(u => u.Played);
        var coreHeap = await CoreHeapDuringExportAsync(library, largestUser.Id);

        figures.Observe("history sync", simkl);
        figures.RecordedTwice += simkl.CountRecordedTwice();
        figures.SyncViolations += simkl.SyncViolations.Count;
        figures.SyncResent += secondWrites;

        var totalPlayed = users.Sum(u => u.Played);
        var allExportRequests = exportRows.Sum(r => int.Parse(r[4], CultureInfo.InvariantCulture) + int.Parse(r[5], CultureInfo.InvariantCulture));
        figures.Tables.Add(TextTable.Format(
            $"History sync, first export: library of {movieCount:N0} movies and {showCount * EpisodesPerShow:N0} episodes, {users.Count} users",
            ["User", "Played items", "Sent", "Not found", "Reads (activities, all-items)", "Writes (/sync/history)", "Calls per 1,000 played", "Simulated time", "Wall-clock"],
            exportRows));
        figures.Tables.Add(TextTable.Format(
            "History sync: budget, pace and memory",
            ["Figure", "Value", "Target"],
            [
                ["Calls to Simkl per 1,000 played items (first export, all users)", (allExportRequests * 1000.0 / totalPlayed).ToString("0.0", CultureInfo.InvariantCulture), "<= 10"],
                ["Writes in a second export", secondWrites.ToString(CultureInfo.InvariantCulture), "0"],
                ["Import when nothing changed: calls per user", Describe(idle, users.Count), "1 (/sync/activities)"],
                ["Import when one item changed: calls for that user", Describe(one.Where(r => r.UserName == changedUser.Simkl.Name).ToList(), 1), "2 (activities + one delta)"],
                ["Import when one item changed: calls for each other user", Describe(one.Where(r => r.UserName != changedUser.Simkl.Name).ToList(), users.Count - 1), "1"],
                ["The changed item marked played", markedOne ? "yes" : "no", "yes"],
                ["All-items reads breaking Simkl's sync rule", simkl.SyncViolations.Count.ToString(CultureInfo.InvariantCulture), "0"],
                ["Most requests in any one second", simkl.MaxRequestsInAnySecond().ToString(CultureInfo.InvariantCulture), "< 3"],
                ["Smallest gap between two writes of one account", Seconds(simkl.SmallestWriteGap()), ">= 20 s"],
                ["Writes refused by Simkl's 20 s lock", simkl.LockViolations.ToString(CultureInfo.InvariantCulture), "0"],
                ["Watches recorded twice", simkl.CountRecordedTwice().ToString(CultureInfo.InvariantCulture), "0"],
                ["Largest user: simulated time / wall-clock", Minutes(largest.Simulated) + " / " + Seconds(largest.Wall), string.Empty],
                ["Largest user: managed heap before / highest during / after (full GC, whole process with the fake Simkl and library)", $"{Megabytes(largest.HeapBefore)} / {Megabytes(largest.HeapPeak)} / {Megabytes(largest.HeapAfter)}", string.Empty],
                [$"Sync core alone, largest user ({largestUser.Played:N0} items, Simkl answering instantly): heap at 0 / 25 / 50 / 75 / 100 % of the export", string.Join(" / ", coreHeap.Select(Megabytes)), "flat"],
                ["Largest user: settled history on disk (8 bytes a key)", Megabytes(largest.Settled), string.Empty],
            ]));
    }

    /// <summary>
    /// The same export again with Simkl answering instantly and keeping nothing, and an empty state, so the heap holds
    /// only the library and what the sync core keeps: sampled after full collections as the export goes.
    /// </summary>
    private static async Task<List<long>> CoreHeapDuringExportAsync(FakeWatchHistoryLibrary library, Guid userId)
    {
        using var data = new TemporaryDirectory();
        var store = Substitute.For<IPluginConfigurationStore>();
        store.DataFolderPath.Returns(data.Path);
        store.Current.Returns(new PluginConfiguration { Users = [new UserConfiguration { UserId = userId, ExportHistory = true }] });
        var accounts = Substitute.For<ISimklAccountStore>();
        accounts.Find(userId).Returns(new SimklAccountLink(userId, new SimklToken("memory-probe"), "probe", DateTimeOffset.UnixEpoch));
        var simkl = new InstantSimkl();
        var tracking = Substitute.For<IUserTrackingOptionsSource>();
        tracking.Get(Arg.Any<Guid>()).Returns(UserTrackingOptions.Default);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        services.AddSingleton(accounts);
        services.AddSingleton<ISimklClient>(simkl);
        services.AddSingleton(tracking);
        services.AddActivityLog();
        services.AddSingleton<IWatchHistoryLibrary>(library);
        services.AddHistorySync();
        services.AddSingleton<ISimklSyncClient>(simkl);
        await using var provider = services.BuildServiceProvider();
        var export = provider.GetRequiredService<IUserHistorySync>();

        var samples = new List<long> { Heap() };
        var next = 25;
        var progress = new SyncProgress(p =>
        {
            if (p >= next && next < 100)
            {
                samples.Add(Heap());
                next += 25;
            }
        });
        await export.ExportAsync(userId, progress, CancellationToken.None);
        samples.Add(Heap());
        return samples;
    }

    private static string Describe(IReadOnlyList<FakeSimklRequest> requests, int users)
    {
        var paths = requests.GroupBy(r => r.Path.Replace("/sync/", string.Empty, StringComparison.Ordinal)).Select(g => $"{g.Count()} {g.Key}");
        return (requests.Count / (double)Math.Max(1, users)).ToString("0.##", CultureInfo.InvariantCulture) + " (" + string.Join(", ", paths) + ")";
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string Minutes(TimeSpan value) => value.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min";

    private static string Seconds(TimeSpan? value)
        => value is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "n/a";

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
