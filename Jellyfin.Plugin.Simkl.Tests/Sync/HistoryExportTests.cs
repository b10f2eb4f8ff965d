using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Sync;

namespace Jellyfin.Plugin.Simkl.Tests.Sync;

public sealed class HistoryExportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset LongAgo = new(2019, 5, 4, 21, 30, 0, TimeSpan.Zero);
    private SyncHarness _harness = null!;
    private FakeSimklUser _alice = null!;

    private FakeSimklServer Simkl => _harness.Simkl;

    private FakeWatchHistoryLibrary Library => _harness.Library;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync(new SyncOptions { BatchSize = 4 });
        _alice = Simkl.AddUser("alice");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task First_export_sends_every_played_item_Simkl_lacks_with_its_last_played_date_in_batches()
    {
        var userId = await _harness.LinkAsync(_alice);
        var already = AddKnownMovie("Already There", 1);
        Simkl.WatchOnSimkl(_alice, already.OnSimkl, null, null, LongAgo);
        Library.MarkPlayed(userId, already.Item, LongAgo);
        var movies = Enumerable.Range(2, 5).Select(i => AddMovie("Movie " + i, i)).ToList();
        var show = Simkl.AddShow("The Show", 2010, ("tvdb", "7001"));
        var episodes = Enumerable.Range(1, 6).Select(e => Library.AddEpisode("The Show", 2010, 1, e, [("tvdb", "7001")])).ToList();
        foreach (var (item, i) in movies.Concat(episodes).Select((item, i) => (item, i)))
        {
            Library.MarkPlayed(userId, item, LongAgo.AddDays(i));
        }

        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        var summary = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.True(summary.Completed, summary.Message);
        Assert.Equal(11, summary.Sent);
        var history = Simkl.HistoryOf(_alice);
        Assert.Equal(12, history.Count);
        Assert.Equal(0, Simkl.CountRecordedTwice());
        Assert.Contains(history, h => h.SimklId == show.SimklId && h.Season == 1 && h.Episode == 6 && h.WatchedAt == LongAgo.AddDays(10));
        Assert.Contains(history, h => h.WatchedAt == LongAgo.AddDays(0) && h.Episode is null);

        // 11 items in batches of 4: three writes, each a movie list or a show with its episodes (never a bare show).
        var writes = Simkl.Requests.Where(r => r.Path == "/sync/history").ToList();
        Assert.Equal(3, writes.Count);
        foreach (var sentShow in writes.SelectMany(w => JsonNode.Parse(w.Body)!["shows"]!.AsArray()))
        {
            Assert.NotEmpty(sentShow!["seasons"]!.AsArray().SelectMany(s => s!["episodes"]!.AsArray()));
        }

        Assert.Empty(Simkl.SyncViolations);
        Assert.Equal(0, Simkl.LockViolations);
        Assert.True(Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20));
        Assert.True(Simkl.MaxRequestsInAnySecond() < 3);
    }

    [Fact]
    public async Task A_second_export_sends_nothing()
    {
        var userId = await _harness.LinkAsync(_alice);
        foreach (var i in Enumerable.Range(1, 6))
        {
            Library.MarkPlayed(userId, AddMovie("Movie " + i, i), LongAgo);
        }

        await _harness.RunAsync(_harness.ExportRunner.RunAsync(new Progress<double>(), CancellationToken.None));
        var before = Simkl.Requests.Count;
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(5));
        var second = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.Equal(0, second.Sent);
        Assert.DoesNotContain(Simkl.Requests.Skip(before), r => r.Path == "/sync/history");
        Assert.Equal(6, Simkl.HistoryOf(_alice).Count);
        Assert.Equal(0, Simkl.CountRecordedTwice());
        Assert.Empty(Simkl.SyncViolations);
    }

    [Fact]
    public async Task An_export_cut_off_by_a_Simkl_outage_resumes_where_it_stopped_and_sends_nothing_twice()
    {
        var userId = await _harness.LinkAsync(_alice);
        foreach (var i in Enumerable.Range(1, 12))
        {
            Library.MarkPlayed(userId, AddMovie("Movie " + i, i), LongAgo.AddDays(i));
        }

        var run = _harness.PerUser.ExportAsync(userId, null, CancellationToken.None);
        await AdvanceUntilAsync(run, () => Simkl.HistoryOf(_alice).Count >= 4);
        Simkl.Down = true;
        var stopped = await _harness.RunAsync(run);
        Assert.False(stopped.Completed);
        Assert.Contains("resumes", stopped.Message, StringComparison.Ordinal);
        Assert.InRange(Simkl.HistoryOf(_alice).Count, 4, 11);

        Simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        var resumed = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.True(resumed.Completed, resumed.Message);
        Assert.Equal(12, Simkl.HistoryOf(_alice).Count);
        Assert.Equal(0, Simkl.CountRecordedTwice());
        Assert.Empty(Simkl.SyncViolations);
    }

    [Fact]
    public async Task A_cancelled_export_resumes_on_the_next_run_without_sending_anything_twice()
    {
        var userId = await _harness.LinkAsync(_alice);
        foreach (var i in Enumerable.Range(1, 10))
        {
            Library.MarkPlayed(userId, AddMovie("Movie " + i, i), LongAgo.AddDays(i));
        }

        using var cancel = new CancellationTokenSource();
        var run = _harness.PerUser.ExportAsync(userId, null, cancel.Token);
        await AdvanceUntilAsync(run, () => Simkl.HistoryOf(_alice).Count >= 4);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _harness.RunAsync(run));

        var resumed = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.True(resumed.Completed, resumed.Message);
        Assert.Equal(10, Simkl.HistoryOf(_alice).Count);
        Assert.Equal(0, Simkl.CountRecordedTwice());
    }

    [Fact]
    public async Task Items_Simkl_cannot_match_are_listed_in_the_users_activity_with_the_reason_and_not_sent_again()
    {
        var userId = await _harness.LinkAsync(_alice);
        Library.MarkPlayed(userId, AddMovie("Known", 1), LongAgo);
        Library.MarkPlayed(userId, Library.AddMovie("Unknown To Simkl", 1999, ("imdb", "tt9999999")), LongAgo);
        Library.MarkPlayed(userId, Library.AddMovie("Home Video", 2020), LongAgo);

        var first = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));
        var writes = Simkl.Requests.Count(r => r.Path == "/sync/history");
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        var second = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.Equal(1, first.Sent);
        Assert.Equal(2, first.NotFound);
        var notFound = _harness.Activity.GetRecent(userId).Where(e => e.Outcome == ActivityOutcome.NotFound).ToList();
        Assert.Contains(notFound, e => e.ItemName == "Unknown To Simkl (1999)" && e.Action == ActivityAction.HistoryExport && e.Reason!.Contains("could not match", StringComparison.Ordinal));
        Assert.Contains(notFound, e => e.ItemName == "Home Video (2020)" && e.Reason!.Contains("no id Simkl knows", StringComparison.Ordinal));
        Assert.Equal(0, second.Sent + second.NotFound);
        Assert.Equal(writes, Simkl.Requests.Count(r => r.Path == "/sync/history"));
    }

    [Fact]
    public async Task Preview_counts_what_would_be_sent_and_sends_nothing()
    {
        var userId = await _harness.LinkAsync(_alice);
        Simkl.WatchOnSimkl(_alice, Simkl.AddMovie("On Simkl", 2000, ("imdb", "tt0000100")), null, null, LongAgo);
        Library.MarkPlayed(userId, Library.AddMovie("On Simkl", 2000, ("imdb", "tt0000100")), LongAgo);
        foreach (var i in Enumerable.Range(1, 3))
        {
            Library.MarkPlayed(userId, AddMovie("Movie " + i, i), LongAgo);
        }

        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(1));
        var preview = await _harness.RunAsync(_harness.PerUser.PreviewExportAsync(userId, CancellationToken.None));
        Assert.Equal(3, preview.Sent);
        Assert.DoesNotContain(Simkl.Requests, r => r.Path == "/sync/history");

        var export = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));
        Assert.Equal(3, export.Sent);
        Assert.Empty(Simkl.SyncViolations);
    }

    [Fact]
    public async Task A_user_who_is_not_linked_costs_nothing()
    {
        var userId = Guid.NewGuid();
        _harness.SetOptions(userId, export: true, import: true, follow: true, unmark: false);
        Library.MarkPlayed(userId, AddMovie("Movie", 1), LongAgo);

        await _harness.RunAsync(_harness.ExportRunner.RunAsync(new Progress<double>(), CancellationToken.None));
        var direct = await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        Assert.False(direct.Completed);
        Assert.Empty(Simkl.Requests);
    }

    [Fact]
    public async Task Anime_follows_the_scrobbling_id_rules_and_an_anime_movie_goes_in_movies()
    {
        var userId = await _harness.LinkAsync(_alice);
        var anime = Simkl.AddAnime("Frieren", 2023, ("anidb", "17617"));
        Library.MarkPlayed(userId, Library.AddEpisode("Frieren", 2023, 1, 3, [("anidb", "17617")], anime: true), LongAgo);
        Simkl.AddMovie("Suzume", 2022, ("anidb", "16942"));
        Library.MarkPlayed(userId, Library.AddMovie("Suzume", 2022, ("anidb", "16942")), LongAgo);

        await _harness.RunAsync(_harness.PerUser.ExportAsync(userId, null, CancellationToken.None));

        var body = JsonNode.Parse(Simkl.Requests.Single(r => r.Path == "/sync/history").Body)!;
        Assert.Equal("16942", body["movies"]![0]!["ids"]!["anidb"]!.ToString());
        Assert.Equal(3, body["shows"]![0]!["episodes"]![0]!["number"]!.GetValue<int>());
        Assert.Contains(Simkl.HistoryOf(_alice), h => h.SimklId == anime.SimklId && h.Episode == 3);
    }

    /// <summary>A movie in the library that Simkl's catalog knows by its IMDb id.</summary>
    private TrackedItem AddMovie(string title, int n) => AddKnownMovie(title, n).Item;

    private (TrackedItem Item, FakeSimklItem OnSimkl) AddKnownMovie(string title, int n)
    {
        var imdb = "tt" + n.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);
        return (Library.AddMovie(title, 2000 + n, ("imdb", imdb)), Simkl.AddMovie(title, 2000 + n, ("imdb", imdb)));
    }

    private async Task AdvanceUntilAsync(Task run, Func<bool> condition)
    {
        while (!run.IsCompleted && !condition())
        {
            await _harness.Time.SettleAsync();
            _harness.Time.Advance(TimeSpan.FromMilliseconds(250));
        }
    }
}
