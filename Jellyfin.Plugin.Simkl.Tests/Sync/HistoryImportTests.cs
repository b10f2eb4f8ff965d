using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Sync;

public sealed class HistoryImportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WatchedElsewhere = new(2024, 2, 10, 19, 0, 0, TimeSpan.Zero);
    private SyncHarness _harness = null!;
    private FakeSimklUser _bob = null!;

    private FakeSimklServer Simkl => _harness.Simkl;

    private FakeWatchHistoryLibrary Library => _harness.Library;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        _bob = Simkl.AddUser("bob");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_first_import_marks_matching_items_played_with_Simkls_dates()
    {
        var userId = await _harness.LinkAsync(_bob, export: false, import: true);
        var movie = Library.AddMovie("Heat", 1995, ("imdb", "tt0113277"));
        var unwatched = Library.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        var e1 = Library.AddEpisode("Severance", 2022, 1, 1, [("tvdb", "371980")]);
        var e2 = Library.AddEpisode("Severance", 2022, 1, 2, [("tvdb", "371980")]);
        var e3 = Library.AddEpisode("Severance", 2022, 1, 3, [("tvdb", "371980")]);
        Simkl.WatchOnSimkl(_bob, Simkl.AddMovie("Heat", 1995, ("imdb", "tt0113277")), null, null, WatchedElsewhere);
        Simkl.WatchOnSimkl(_bob, Simkl.AddMovie("Not In Library", 2001, ("imdb", "tt0000042")), null, null, WatchedElsewhere);
        Simkl.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        var severance = Simkl.AddShow("Severance", 2022, ("tvdb", "371980"));
        Simkl.WatchOnSimkl(_bob, severance, 1, 1, WatchedElsewhere.AddDays(1));
        Simkl.WatchOnSimkl(_bob, severance, 1, 2, WatchedElsewhere.AddDays(2));
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));

        await _harness.RunAsync(_harness.ImportRunner.RunAsync(new Progress<double>(), CancellationToken.None));

        Assert.Equal(WatchedElsewhere, Library.LastPlayed(userId, movie));
        Assert.Equal(WatchedElsewhere.AddDays(1), Library.LastPlayed(userId, e1));
        Assert.Equal(WatchedElsewhere.AddDays(2), Library.LastPlayed(userId, e2));
        Assert.False(Library.IsPlayed(userId, e3.ItemId));
        Assert.False(Library.IsPlayed(userId, unwatched.ItemId));
        var state = await _harness.Services.GetRequiredService<HistorySyncEngine>().GetStateAsync(userId, CancellationToken.None);
        var last = state.LastRuns[SyncRunKind.Import];
        Assert.True(last.Completed);
        Assert.Equal(3, last.MarkedPlayed);
        Assert.Equal(1, last.NotFound);
        Assert.Empty(Simkl.SyncViolations);
    }

    [Fact]
    public async Task When_nothing_changed_an_import_costs_one_activities_call_and_one_change_costs_one_delta_more()
    {
        var userId = await _harness.LinkAsync(_bob, export: false, import: true);
        var show = Simkl.AddShow("Severance", 2022, ("tvdb", "371980"));
        var e1 = Library.AddEpisode("Severance", 2022, 1, 1, [("tvdb", "371980")]);
        var e2 = Library.AddEpisode("Severance", 2022, 1, 2, [("tvdb", "371980")]);
        Simkl.WatchOnSimkl(_bob, show, 1, 1, WatchedElsewhere);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));

        var before = Simkl.Requests.Count;
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));
        await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));
        var unchanged = Simkl.Requests.Skip(before).ToList();

        Simkl.WatchOnSimkl(_bob, show, 1, 2, WatchedElsewhere.AddDays(7));
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));
        before = Simkl.Requests.Count;
        await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));
        var changed = Simkl.Requests.Skip(before).ToList();

        Assert.Equal(["/sync/activities"], unchanged.Select(r => r.Path));
        Assert.Equal(["/sync/activities", "/sync/all-items/shows"], changed.Select(r => r.Path));
        Assert.True(changed[1].Query.ContainsKey("date_from"));
        Assert.True(Library.IsPlayed(userId, e1.ItemId));
        Assert.Equal(WatchedElsewhere.AddDays(7), Library.LastPlayed(userId, e2));
        Assert.Empty(Simkl.SyncViolations);
    }

    [Fact]
    public async Task Activities_fall_back_to_POST_when_Simkl_refuses_GET()
    {
        Simkl.ActivitiesMethods = "POST";
        var userId = await _harness.LinkAsync(_bob, export: false, import: true);
        var movie = Library.AddMovie("Heat", 1995, ("imdb", "tt0113277"));
        Simkl.WatchOnSimkl(_bob, Simkl.AddMovie("Heat", 1995, ("imdb", "tt0113277")), null, null, WatchedElsewhere);

        var summary = await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));

        Assert.True(summary.Completed, summary.Message);
        Assert.True(Library.IsPlayed(userId, movie.ItemId));
        Assert.Contains(Simkl.Requests, r => r.Path == "/sync/activities" && r.Method == "POST" && r.Status == 200);
    }

    [Fact]
    public async Task Our_own_import_never_bounces_back_to_Simkl_and_never_marks_anything_unplayed()
    {
        var userId = await _harness.LinkAsync(_bob, export: true, import: true, follow: true, unmark: true);
        await _harness.StartFollowerAsync();
        Library.EchoTo = _harness.Sink;
        var movie = Library.AddMovie("Heat", 1995, ("imdb", "tt0113277"));
        var playedHere = Library.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        Simkl.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        Library.MarkPlayed(userId, playedHere, WatchedElsewhere);
        Simkl.WatchOnSimkl(_bob, Simkl.AddMovie("Heat", 1995, ("imdb", "tt0113277")), null, null, WatchedElsewhere);

        await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));
        await _harness.WaitForFollowerAsync(1);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        var export = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.True(Library.IsPlayed(userId, movie.ItemId));
        Assert.True(Library.IsPlayed(userId, playedHere.ItemId));
        Assert.DoesNotContain(Library.Saves, s => !s.Played);

        // Heat came from Simkl and is never sent back; only Ronin, played here, is exported.
        Assert.Equal(1, export.Sent);
        Assert.Equal(2, Simkl.HistoryOf(_bob).Count);
        Assert.Equal(0, Simkl.CountRecordedTwice());
    }

    [Fact]
    public async Task Simkl_down_midway_stops_the_import_and_the_next_run_completes_it()
    {
        var userId = await _harness.LinkAsync(_bob, export: false, import: true);
        var movie = Library.AddMovie("Heat", 1995, ("imdb", "tt0113277"));
        var episode = Library.AddEpisode("Severance", 2022, 1, 1, [("tvdb", "371980")]);
        Simkl.WatchOnSimkl(_bob, Simkl.AddMovie("Heat", 1995, ("imdb", "tt0113277")), null, null, WatchedElsewhere);
        Simkl.WatchOnSimkl(_bob, Simkl.AddShow("Severance", 2022, ("tvdb", "371980")), 1, 1, WatchedElsewhere);
        var outage = FakeSimklFault.Status(503, count: 20, pathPrefix: "/sync/all-items/shows");
        Simkl.Inject(outage);

        var stopped = await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));
        Assert.False(stopped.Completed);
        Assert.True(Library.IsPlayed(userId, movie.ItemId));
        Assert.False(Library.IsPlayed(userId, episode.ItemId));

        outage.Remaining = 0;
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        var resumed = await _harness.RunAsync(_harness.PerUser.ImportAsync(userId, CancellationToken.None));

        Assert.True(resumed.Completed, resumed.Message);
        Assert.True(Library.IsPlayed(userId, episode.ItemId));
        Assert.Single(Simkl.Requests, r => r.Path == "/sync/all-items/movies");
    }
}
