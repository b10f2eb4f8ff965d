using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>The outbox's promise on its own: nothing leaves it silently, nothing stops it, nothing on disk is lost.</summary>
public sealed class CompletionOutboxTests : IDisposable
{
    private readonly OutboxFixture _f = new();
    private readonly Guid _alice = Guid.NewGuid();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task An_anime_movie_without_an_episode_never_leaves_the_outbox_silently()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        var animeMovie = new SimklMedia(SimklMediaKind.Anime, new SimklMediaObject("Your Name", 2016, SimklIds.Of(("anidb", "11829"))));
        var completion = _f.Completion(_alice, animeMovie);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        var kept = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.NotNull(kept.DeadLetter);
        var activity = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal(ActivityOutcome.Failed, activity.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(activity.Reason));
        Assert.Contains(_f.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("Your Name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SimklOutcome.BadRequest, 400)]
    [InlineData(SimklOutcome.Forbidden, 403)]
    public async Task A_history_write_simkl_refuses_is_a_visible_dead_letter_not_sixty_days_of_retries(SimklOutcome outcome, int status)
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<HistoryResult>(outcome, "Simkl rejected the request.", status));
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);
        _f.Time.Advance(TimeSpan.FromDays(2));
        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Contains("Simkl rejected the request.", Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).DeadLetter, StringComparison.Ordinal);
        Assert.Equal(ActivityOutcome.Failed, Assert.Single(_f.ActivityOf(_alice)).Outcome);
        Assert.Contains(_f.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Heat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_huge_retry_after_is_capped_and_never_stops_the_replayer()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(
            SimklResult.Failure<HistoryResult>(SimklOutcome.RateLimited, "Slow down.", 429, retryAfter: TimeSpan.FromDays(400)),
            SimklResult.Success(new HistoryResult(1, 0, 0, [], [])));
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);

        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromDays(2), TimeSpan.FromMinutes(1));

        Assert.False(_f.Replayer.ExecuteTask!.IsCompleted, "The replayer stopped: " + _f.Replayer.ExecuteTask.Exception);
        Assert.Equal(2, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        await _f.Replayer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_completion_whose_stop_is_still_in_flight_is_never_replayed_however_long_the_stop_takes()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        var completion = _f.Completion(_alice) with { NextAttemptAt = _f.Time.GetUtcNow() + TimeSpan.FromMinutes(10) };

        // The live stop adds the completion and owns it until it knows what Simkl did with the stop.
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Time.Advance(TimeSpan.FromHours(3));
        await _f.Replayer.ReplayDueAsync(CancellationToken.None);
        var whileOwned = await _f.HistoryCallsAsync();

        _f.Outbox.Release(completion.Id);
        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(0, whileOwned);
        Assert.Equal(1, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task A_401_on_delivery_marks_the_link_broken_and_keeps_the_watch()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<HistoryResult>(SimklOutcome.Unauthorized, "Revoked.", 401));
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.True(_f.Accounts.Find(_alice)!.IsBroken);
        Assert.False(_f.Accounts.IsTracking(_alice));
        Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(ActivityOutcome.LinkBroken, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_401_for_a_token_the_user_has_since_replaced_does_not_break_the_new_link()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("old-token"), "alice", CancellationToken.None);
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(async _ =>
        {
            // The administrator relinks the user while the write with the revoked token is on its way.
            await _f.Accounts.LinkAsync(_alice, new SimklToken("new-token"), "alice", CancellationToken.None);
            return SimklResult.Failure<HistoryResult>(SimklOutcome.Unauthorized, "Revoked.", 401);
        });
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.True(_f.Accounts.IsTracking(_alice));
        Assert.Equal("new-token", _f.Accounts.Find(_alice)!.Token.Value);
    }

    [Fact]
    public async Task One_bad_entry_is_set_aside_alone_and_the_next_write_keeps_the_good_ones()
    {
        var first = _f.Completion(_alice, ago: TimeSpan.FromMinutes(50));
        var second = _f.Completion(_alice, ago: TimeSpan.FromMinutes(40));
        await _f.Outbox.AddAsync(first, CancellationToken.None);
        await _f.Outbox.AddAsync(second, CancellationToken.None);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!;
        var entries = file["completions"]!.AsArray();
        var nullId = entries[0]!.DeepClone();
        nullId["id"] = null;
        var nullMedia = entries[1]!.DeepClone();
        nullMedia["id"] = "0123456789abcdef";
        nullMedia["media"] = null;
        entries.Add(nullId);
        entries.Add(nullMedia);
        await File.WriteAllTextAsync(_f.OutboxPath, file.ToJsonString());

        using var restarted = new OutboxFixture(_f.Data);
        var loaded = await restarted.Outbox.GetAllAsync(CancellationToken.None);
        await restarted.Outbox.AddAsync(restarted.Completion(_alice, ago: TimeSpan.FromMinutes(1)), CancellationToken.None);

        Assert.Equal([first.Id, second.Id], loaded.Select(e => e.Id));
        Assert.Equal(3, JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!["completions"]!.AsArray().Count);
        var aside = Assert.Single(Directory.GetFiles(_f.Data.Path, CompletionOutbox.FileName + ".rejected-*"));
        Assert.Contains("0123456789abcdef", await File.ReadAllTextAsync(aside), StringComparison.Ordinal);
        Assert.Contains(restarted.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("set aside", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_outbox_file_is_read_again_later_never_treated_as_corrupt()
    {
        await _f.Outbox.AddAsync(_f.Completion(_alice, ago: TimeSpan.FromMinutes(50)), CancellationToken.None);
        await _f.Outbox.AddAsync(_f.Completion(_alice, ago: TimeSpan.FromMinutes(40)), CancellationToken.None);

        using var restarted = new OutboxFixture(_f.Data);
        var locked = new FileStream(_f.OutboxPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var whileLocked = await Record.ExceptionAsync(() => restarted.Outbox.GetAllAsync(CancellationToken.None));
        await locked.DisposeAsync();
        restarted.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.IsAssignableFrom<IOException>(whileLocked);
        Assert.Equal(2, (await restarted.Outbox.GetAllAsync(CancellationToken.None)).Count);
        Assert.Empty(Directory.GetFiles(_f.Data.Path, CompletionOutbox.FileName + ".unreadable-*"));
    }

    [Fact]
    public async Task Leftover_temporary_files_of_interrupted_writes_are_removed_at_start()
    {
        var leftover = Path.Combine(_f.Data.Path, "." + CompletionOutbox.FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(leftover, "{\"version\":1,\"compl");

        await _f.Outbox.GetAllAsync(CancellationToken.None);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_completion_that_may_have_reached_simkl_is_checked_first_and_only_the_missing_episodes_are_sent()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        var show = new SimklMedia(SimklMediaKind.Show, new SimklMediaObject("Severance", 2022, SimklIds.Of(("tvdb", "371980"))), Season: 1, Episode: 1, LastEpisode: 2);
        var completion = _f.Completion(_alice, show, [1, 2]);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);
        var recorded = completion.WatchedAt + TimeSpan.FromSeconds(30);
        _f.Client.GetWatchedAsync(default!, default, default!, default).ReturnsForAnyArgs(SimklResult.Success(new WatchedStatus(
            true, "watching", recorded, [new WatchedEpisode(1, 1, true, recorded), new WatchedEpisode(1, 2, true, completion.WatchedAt - TimeSpan.FromDays(300))])));
        HistoryRequest? sent = null;
        _f.Client.AddToHistoryAsync(Arg.Do<HistoryRequest>(r => sent = r), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(SimklResult.Success(new HistoryResult(0, 1, 1, [], [])));

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        // Episode 1 is this very watch (the stop landed before the crash); episode 2 was watched a year ago, so this
        // rewatch still goes out.
        await _f.Client.Received(1).GetWatchedAsync(show.Media.Ids, true, Arg.Any<SimklToken>(), Arg.Any<CancellationToken>());
        Assert.Equal([2], sent!.Shows.Single().Seasons!.Single().Episodes.Select(e => e.Number));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_an_answer_to_the_check_nothing_is_sent_blindly()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);
        _f.Client.GetWatchedAsync(default!, default, default!, default).ReturnsForAnyArgs(SimklResult.Failure<WatchedStatus>(SimklOutcome.Unavailable, "Simkl is down."));

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.True(Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).NextAttemptAt > _f.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_replay_writes_its_mark_before_it_sends()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        await _f.Outbox.UpdateAsync((await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))! with { MayHaveReachedSimkl = false }, CancellationToken.None);
        _f.Outbox.Release(completion.Id);
        string? onDiskDuringSend = null;
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(_ =>
        {
            onDiskDuringSend = File.ReadAllText(_f.OutboxPath);
            return SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "The answer was lost.");
        });

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Contains("\"mayHaveReachedSimkl\": true", onDiskDuringSend, StringComparison.Ordinal);
        await _f.Client.DidNotReceiveWithAnyArgs().GetWatchedAsync(default!, default, default!, default);
    }

    [Fact]
    public async Task A_stop_while_the_outbox_file_is_locked_keeps_its_watch_and_writes_it_once_the_file_is_free()
    {
        await _f.Outbox.AddAsync(_f.Completion(_alice, ago: TimeSpan.FromMinutes(50)), CancellationToken.None);
        using var restarted = new OutboxFixture(_f.Data);
        var locked = new FileStream(_f.OutboxPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var added = restarted.Completion(_alice, ago: TimeSpan.FromMinutes(1));

        var onDisk = await restarted.Outbox.AddAsync(added, CancellationToken.None);
        await locked.DisposeAsync();
        restarted.Time.Advance(TimeSpan.FromMinutes(1));
        var flushed = await restarted.Outbox.FlushAsync(CancellationToken.None);

        Assert.False(onDisk);
        Assert.True(flushed);
        using var again = new OutboxFixture(_f.Data);
        Assert.Equal(2, (await again.Outbox.GetAllAsync(CancellationToken.None)).Count);
        Assert.Contains(restarted.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_made_before_account_ids_were_kept_learns_its_id_so_relinking_that_account_gets_its_watches()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("old-token"), "alice", CancellationToken.None);
        _f.Client.GetUserProfileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new SimklUserProfile("alice", 77)));
        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var learned = _f.Accounts.Find(_alice)!.SimklAccountId;

        // Watched while the token was being revoked; the user then links the same Simkl account again.
        var completion = _f.Completion(_alice);
        await _f.Accounts.MarkBrokenAsync(_alice, new SimklToken("old-token"), CancellationToken.None);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);
        await _f.Accounts.LinkAsync(_alice, new SimklToken("new-token"), "alice", 77, CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        await _f.Replayer.StopAsync(CancellationToken.None);

        Assert.Equal(77, learned);
        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }
}
