using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>
/// The replayer: which pending watches it sends, in which order, and when it looks again; and that nothing stops it.
/// </summary>
public sealed class OutboxReplayerTests : IDisposable
{
    private readonly OutboxFixture _f = new();
    private readonly Guid _alice = Guid.NewGuid();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task With_nothing_waiting_it_looks_again_in_an_hour()
    {
        Assert.Equal(TimeSpan.FromHours(1), await _f.Replayer.ReplayDueAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(600_000, 600_000)]
    [InlineData(200, 1_000)]
    [InlineData(7_200_000, 3_600_000)]
    public async Task It_wakes_when_the_next_watch_is_due_but_never_sooner_than_a_second_nor_later_than_an_hour(int dueInMs, int waitMs)
    {
        await LinkAsync();
        await WaitingAsync(TimeSpan.FromMilliseconds(dueInMs));

        Assert.Equal(TimeSpan.FromMilliseconds(waitMs), await _f.Replayer.ReplayDueAsync(CancellationToken.None));
        Assert.Equal(0, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task With_several_watches_waiting_it_wakes_for_the_first_one_due()
    {
        await LinkAsync();
        await WaitingAsync(TimeSpan.FromMinutes(50), ago: TimeSpan.FromMinutes(30));
        await WaitingAsync(TimeSpan.FromMinutes(10), ago: TimeSpan.FromMinutes(20));

        Assert.Equal(TimeSpan.FromMinutes(10), await _f.Replayer.ReplayDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Watches_that_will_not_be_sent_do_not_wake_it()
    {
        await LinkAsync();
        var deadLetter = await WaitingAsync(TimeSpan.FromMinutes(5), ago: TimeSpan.FromMinutes(30));
        await _f.Outbox.UpdateAsync(deadLetter with { DeadLetter = "Simkl refused it." }, CancellationToken.None);
        var bob = Guid.NewGuid();
        await WaitingAsync(TimeSpan.FromMinutes(10), user: bob);
        var inFlight = _f.Completion(_alice, ago: TimeSpan.FromMinutes(20)) with { NextAttemptAt = _f.Time.GetUtcNow() + TimeSpan.FromMinutes(15) };
        await _f.Outbox.AddAsync(inFlight, CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(1), await _f.Replayer.ReplayDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_watch_is_sent_from_the_moment_it_is_due()
    {
        await LinkAsync();
        await WaitingAsync(TimeSpan.FromMinutes(5));
        _f.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        await _f.Replayer.ReplayDueAsync(CancellationToken.None);
        var early = await _f.HistoryCallsAsync();

        _f.Time.Advance(TimeSpan.FromTicks(1));
        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Due_watches_are_sent_in_the_order_they_were_watched()
    {
        await LinkAsync();
        var later = await WaitingAsync(TimeSpan.Zero, ago: TimeSpan.FromMinutes(10));
        var earlier = await WaitingAsync(TimeSpan.Zero, ago: TimeSpan.FromMinutes(90));
        var sent = new List<DateTimeOffset>();
        _f.Client.AddToHistoryAsync(Arg.Do<HistoryRequest>(r => sent.Add(r.Movies.Single().WatchedAt)), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SimklResult.Success(new HistoryResult(1, 0, 0, [], [])));

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal([earlier.WatchedAt, later.WatchedAt], sent);
    }

    [Fact]
    public async Task A_watch_of_a_user_who_is_not_tracked_waits()
    {
        await WaitingAsync(TimeSpan.Zero);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_watch_held_for_another_account_goes_out_as_soon_as_that_account_is_linked_again()
    {
        await LinkAsync(accountId: 1);
        var held = await WaitingAsync(TimeSpan.FromMinutes(50));
        await _f.Outbox.UpdateAsync(held with { SimklAccountId = 1, HeldBecause = "Watched with another Simkl account." }, CancellationToken.None);
        var notHeld = await WaitingAsync(TimeSpan.FromMinutes(50), ago: TimeSpan.FromMinutes(20));

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Equal([notHeld.Id], (await _f.Outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_watch_held_for_another_account_waits_while_that_account_is_not_linked()
    {
        await LinkAsync(accountId: 2);
        var held = await WaitingAsync(TimeSpan.FromMinutes(50));
        await _f.Outbox.UpdateAsync(held with { SimklAccountId = 1, HeldBecause = "Watched with another Simkl account." }, CancellationToken.None);

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task One_watch_that_throws_does_not_hold_up_the_others_and_is_tried_again()
    {
        await LinkAsync();
        var broken = await WaitingAsync(TimeSpan.Zero, ago: TimeSpan.FromMinutes(90));
        var fine = await WaitingAsync(TimeSpan.Zero, ago: TimeSpan.FromMinutes(10));
        _f.Client.AddToHistoryAsync(Arg.Is<HistoryRequest>(r => r.Movies.Single().WatchedAt == broken.WatchedAt), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromException<SimklResult<HistoryResult>>(new InvalidOperationException("A bug.")));

        await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.Equal([broken.Id], (await _f.Outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
        Assert.False(_f.Outbox.IsLeased(broken.Id));
        Assert.False(_f.Outbox.IsLeased(fine.Id));
        Assert.Contains(_f.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Message.Contains("Heat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_the_disk_refuses_writes_it_tries_again_within_30_seconds()
    {
        await LinkAsync();
        await WaitingAsync(TimeSpan.FromMinutes(50));

        // The disk refuses the next write: the outbox file's name is taken by a folder that cannot be replaced.
        File.Delete(_f.OutboxPath);
        Directory.CreateDirectory(Path.Combine(_f.OutboxPath, "in-the-way"));
        var saved = await _f.Outbox.RemoveAsync("nothing", CancellationToken.None);
        var whileRefused = await _f.Replayer.ReplayDueAsync(CancellationToken.None);
        Directory.Delete(_f.OutboxPath, recursive: true);
        var afterwards = await _f.Replayer.ReplayDueAsync(CancellationToken.None);

        Assert.False(saved);
        Assert.Equal(TimeSpan.FromSeconds(30), whileRefused);
        Assert.Equal(TimeSpan.FromMinutes(50), afterwards);
        Assert.True(File.Exists(_f.OutboxPath));
    }

    [Fact]
    public async Task An_outbox_unreadable_at_start_delays_the_replay_by_a_minute_and_never_stops_it()
    {
        await LinkAsync();
        await WaitingAsync(TimeSpan.Zero);
        using var restarted = new OutboxFixture(_f.Data);
        var locked = new FileStream(_f.OutboxPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        await restarted.Replayer.StartAsync(CancellationToken.None);
        await restarted.Time.AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        await locked.DisposeAsync();
        var whileLocked = await restarted.HistoryCallsAsync();
        await restarted.Time.AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
        await restarted.Replayer.StopAsync(CancellationToken.None);

        Assert.Equal(0, whileLocked);
        Assert.Contains(restarted.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("trying again in a minute", StringComparison.Ordinal));
        Assert.Equal(1, await restarted.HistoryCallsAsync());
        Assert.False(restarted.Replayer.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public async Task Linking_a_user_again_sends_their_waiting_watches_at_once()
    {
        await LinkAsync();
        await _f.Accounts.MarkBrokenAsync(_alice, new SimklToken("alice-token"), CancellationToken.None);
        await WaitingAsync(TimeSpan.Zero);
        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var whileBroken = await _f.HistoryCallsAsync();

        await LinkAsync();
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        await _f.Replayer.StopAsync(CancellationToken.None);

        Assert.Equal(0, whileBroken);
        Assert.Equal(1, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task A_released_watch_that_is_due_is_sent_at_once()
    {
        await LinkAsync();
        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        var whileOwned = await _f.HistoryCallsAsync();

        _f.Outbox.Release(completion.Id);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        await _f.Replayer.StopAsync(CancellationToken.None);

        Assert.Equal(0, whileOwned);
        Assert.Equal(1, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task Only_working_links_without_an_account_id_are_asked_for_it_and_a_failure_is_only_logged()
    {
        var bob = Guid.NewGuid();
        var carol = Guid.NewGuid();
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        await _f.Accounts.LinkAsync(bob, new SimklToken("bob-token"), "bob", 12, CancellationToken.None);
        await _f.Accounts.LinkAsync(carol, new SimklToken("carol-token"), "carol", CancellationToken.None);
        await _f.Accounts.MarkBrokenAsync(carol, new SimklToken("carol-token"), CancellationToken.None);
        _f.Client.GetUserProfileAsync(default!, default).ReturnsForAnyArgs(_ => Task.FromException<SimklResult<SimklUserProfile>>(new HttpRequestException("The connection was reset.")));

        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        await _f.Replayer.StopAsync(CancellationToken.None);

        await _f.Client.Received(1).GetUserProfileAsync(Arg.Any<SimklToken>(), Arg.Any<CancellationToken>());
        await _f.Client.Received(1).GetUserProfileAsync(Arg.Is<SimklToken>(t => t.Value == "alice-token"), Arg.Any<CancellationToken>());
        Assert.Null(_f.Accounts.Find(_alice)!.SimklAccountId);
        Assert.Contains(_f.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("account id", StringComparison.Ordinal));
        Assert.False(_f.Replayer.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public async Task A_profile_without_an_account_id_leaves_the_link_as_it_was()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
        _f.Client.GetUserProfileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new SimklUserProfile("alice", null)));

        await _f.Replayer.StartAsync(CancellationToken.None);
        await _f.Time.AdvanceAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        await _f.Replayer.StopAsync(CancellationToken.None);

        Assert.Null(_f.Accounts.Find(_alice)!.SimklAccountId);
        Assert.True(_f.Accounts.IsTracking(_alice));
    }

    private Task LinkAsync(long? accountId = 7)
        => _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", accountId, CancellationToken.None);

    /// <summary>A watch in the outbox that nobody is sending, due after <paramref name="dueIn"/>.</summary>
    private async Task<PendingCompletion> WaitingAsync(TimeSpan dueIn, TimeSpan? ago = null, Guid? user = null)
    {
        var completion = _f.Completion(user ?? _alice, ago: ago) with { NextAttemptAt = _f.Time.GetUtcNow() + dueIn };
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        _f.Outbox.Release(completion.Id);
        return (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))!;
    }
}
