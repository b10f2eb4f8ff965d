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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>
/// The outbox as a file: what is kept, in which order, for how long, and what happens to what cannot be read.
/// </summary>
public sealed class CompletionOutboxStorageTests : IDisposable
{
    private readonly OutboxFixture _f = new();
    private readonly Guid _alice = Guid.NewGuid();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_watch_has_one_identity_and_any_difference_makes_another()
    {
        var at = _f.Time.GetUtcNow();
        var episode = new SimklMedia(SimklMediaKind.Show, new SimklMediaObject("Lost", 2004, SimklIds.Of(("tvdb", "73739"))), 1, 2);
        var id = CompletionOutbox.IdentityOf(_alice, episode, at);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, CompletionOutbox.IdentityOf(_alice, episode with { }, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(Guid.NewGuid(), episode, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(_alice, episode with { Episode = 3 }, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(_alice, episode with { Season = 2 }, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(_alice, episode with { LastEpisode = 3 }, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(_alice, episode with { Kind = SimklMediaKind.Anime }, at));
        Assert.NotEqual(id, CompletionOutbox.IdentityOf(_alice, episode, at.AddTicks(1)));
    }

    [Fact]
    public async Task A_watch_added_is_on_disk_bound_to_the_account_the_user_watched_with_and_marked_as_maybe_sent()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", 42, CancellationToken.None);
        var completion = _f.Completion(_alice);

        Assert.True(await _f.Outbox.AddAsync(completion, CancellationToken.None));

        using var restarted = new OutboxFixture(_f.Data);
        var stored = Assert.Single(await restarted.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(completion.Id, stored.Id);
        Assert.True(stored.MayHaveReachedSimkl);
        Assert.Equal(42, stored.SimklAccountId);
        Assert.Equal(new SimklToken("alice-token").Fingerprint, stored.TokenFingerprint);
        Assert.Equal(completion.Media, stored.Media);
        Assert.Equal(completion.WatchedAt, stored.WatchedAt);
    }

    [Fact]
    public async Task A_watch_that_already_names_its_account_keeps_it_whatever_the_user_is_linked_to_now()
    {
        await _f.Accounts.LinkAsync(_alice, new SimklToken("new-token"), "alice", 43, CancellationToken.None);
        var completion = _f.Completion(_alice) with { SimklAccountId = 42, TokenFingerprint = "old" };

        await _f.Outbox.AddAsync(completion, CancellationToken.None);

        var stored = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(42, stored.SimklAccountId);
        Assert.Equal("old", stored.TokenFingerprint);
    }

    [Fact]
    public async Task The_same_watch_added_twice_is_kept_once()
    {
        var completion = _f.Completion(_alice);

        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        await _f.Outbox.AddAsync(completion with { ItemName = "again" }, CancellationToken.None);

        Assert.Equal("Heat", Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).ItemName);
    }

    [Fact]
    public async Task Watches_are_listed_oldest_first()
    {
        var newest = _f.Completion(_alice, ago: TimeSpan.FromMinutes(1));
        await _f.Outbox.AddAsync(newest, CancellationToken.None);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        var later = _f.Completion(_alice, ago: TimeSpan.FromMinutes(30));
        await _f.Outbox.AddAsync(later, CancellationToken.None);
        var backdated = _f.Completion(_alice, ago: TimeSpan.FromMinutes(90)) with { CreatedAt = _f.Time.GetUtcNow() - TimeSpan.FromDays(1) };
        await _f.Outbox.AddAsync(backdated, CancellationToken.None);

        Assert.Equal([backdated.Id, newest.Id, later.Id], (await _f.Outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
        Assert.Equal(
            [backdated.Id, newest.Id, later.Id],
            JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!["completions"]!.AsArray().Select(e => (string)e!["id"]!));
    }

    [Fact]
    public async Task A_watch_that_waited_more_than_60_days_is_given_up_visibly_and_one_that_waited_exactly_60_is_kept()
    {
        var now = _f.Time.GetUtcNow();
        var old = _f.Completion(_alice, ago: TimeSpan.FromMinutes(20)) with { CreatedAt = now - TimeSpan.FromDays(60) - TimeSpan.FromTicks(1) };
        var borderline = _f.Completion(_alice, ago: TimeSpan.FromMinutes(10)) with { CreatedAt = now - TimeSpan.FromDays(60) };
        await _f.Outbox.AddAsync(old, CancellationToken.None);
        await _f.Outbox.AddAsync(borderline, CancellationToken.None);
        _f.Outbox.Release(old.Id);
        _f.Outbox.Release(borderline.Id);

        await _f.Outbox.RemoveAsync("nothing", CancellationToken.None);

        Assert.Equal([borderline.Id], (await _f.Outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
        var given = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal(ActivityOutcome.Failed, given.Outcome);
        Assert.Equal(ActivityAction.MarkWatched, given.Action);
        Assert.Equal("Heat", given.ItemName);
        Assert.Equal(now, given.Time);
        Assert.Equal("Given up: it waited more than 60 days.", given.Reason);
        Assert.Contains(_f.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dead_letter_given_up_says_why_simkl_refused_it()
    {
        var refused = _f.Completion(_alice) with { DeadLetter = "Simkl refused it (400)" };
        await _f.Outbox.AddAsync(refused, CancellationToken.None);
        _f.Outbox.Release(refused.Id);
        _f.Time.Advance(TimeSpan.FromDays(61));

        await _f.Outbox.RemoveAsync("nothing", CancellationToken.None);

        Assert.Equal("Given up: it waited more than 60 days (Simkl refused it (400)).", Assert.Single(_f.ActivityOf(_alice)).Reason);
    }

    [Fact]
    public async Task A_watch_whose_send_is_in_flight_is_never_given_up_for_its_age()
    {
        var inFlight = _f.Completion(_alice);
        await _f.Outbox.AddAsync(inFlight, CancellationToken.None);
        _f.Time.Advance(TimeSpan.FromDays(61));

        await _f.Outbox.RemoveAsync("nothing", CancellationToken.None);

        Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Empty(_f.ActivityOf(_alice));
    }

    [Fact]
    public async Task A_full_outbox_gives_up_its_oldest_watches_visibly_but_never_one_being_sent()
    {
        using var outbox = new CompletionOutbox(_f.Configuration, _f.Accounts, _f.Activity, _f.Time, new CompletionOutboxOptions { MaxEntries = 2 }, NullLogger<CompletionOutbox>.Instance);
        var inFlight = _f.Completion(_alice, ago: TimeSpan.FromMinutes(40)) with { CreatedAt = _f.Time.GetUtcNow() - TimeSpan.FromHours(4) };
        var oldest = _f.Completion(_alice, ago: TimeSpan.FromMinutes(30)) with { CreatedAt = _f.Time.GetUtcNow() - TimeSpan.FromHours(3) };
        var middle = _f.Completion(_alice, ago: TimeSpan.FromMinutes(20)) with { CreatedAt = _f.Time.GetUtcNow() - TimeSpan.FromHours(2) };
        var newest = _f.Completion(_alice, ago: TimeSpan.FromMinutes(10)) with { CreatedAt = _f.Time.GetUtcNow() - TimeSpan.FromHours(1) };
        await outbox.AddAsync(inFlight, CancellationToken.None);
        foreach (var completion in new[] { oldest, middle, newest })
        {
            await outbox.AddAsync(completion, CancellationToken.None);
            outbox.Release(completion.Id);
        }

        await outbox.RemoveAsync("nothing", CancellationToken.None);

        Assert.Equal([inFlight.Id, middle.Id, newest.Id], (await outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
        Assert.Equal("Given up: the outbox is full.", Assert.Single(_f.ActivityOf(_alice)).Reason);
    }

    [Fact]
    public async Task An_update_of_a_watch_already_removed_does_not_bring_it_back()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        await _f.Outbox.RemoveAsync(completion.Id, CancellationToken.None);

        Assert.True(await _f.Outbox.UpdateAsync(completion with { Attempts = 1 }, CancellationToken.None));

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Null(await _f.Outbox.FindAsync(completion.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_update_is_written_and_found()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);

        await _f.Outbox.UpdateAsync(completion with { Attempts = 3, LastError = "Simkl is unavailable." }, CancellationToken.None);

        Assert.Equal(3, (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))!.Attempts);
        using var restarted = new OutboxFixture(_f.Data);
        Assert.Equal("Simkl is unavailable.", Assert.Single(await restarted.Outbox.GetAllAsync(CancellationToken.None)).LastError);
    }

    [Fact]
    public async Task The_replayer_is_woken_when_a_watch_becomes_due_and_is_not_being_sent()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        var wakeUps = 0;
        _f.Outbox.Changed += (_, _) => wakeUps++;

        await _f.Outbox.UpdateAsync(completion, CancellationToken.None);
        Assert.Equal(0, wakeUps);

        _f.Outbox.Release(completion.Id);
        Assert.Equal(1, wakeUps);
        _f.Outbox.Release(completion.Id);
        Assert.Equal(1, wakeUps);

        await _f.Outbox.UpdateAsync(completion with { NextAttemptAt = _f.Time.GetUtcNow().AddTicks(1) }, CancellationToken.None);
        Assert.Equal(1, wakeUps);

        await _f.Outbox.UpdateAsync(completion with { NextAttemptAt = _f.Time.GetUtcNow() }, CancellationToken.None);
        Assert.Equal(2, wakeUps);
    }

    [Fact]
    public async Task A_watch_has_one_sender_at_a_time()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);

        Assert.True(_f.Outbox.IsLeased(completion.Id));
        Assert.False(_f.Outbox.TryLease(completion.Id));
        _f.Outbox.Release(completion.Id);
        Assert.False(_f.Outbox.IsLeased(completion.Id));
        Assert.True(_f.Outbox.TryLease(completion.Id));
        Assert.False(_f.Outbox.TryLease(completion.Id));
    }

    [Fact]
    public async Task The_mark_that_a_send_may_reach_simkl_is_on_disk_before_the_send()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        await _f.Outbox.UpdateAsync(completion with { MayHaveReachedSimkl = false }, CancellationToken.None);

        Assert.True(await _f.Outbox.MarkSendingAsync(completion, CancellationToken.None));

        using var restarted = new OutboxFixture(_f.Data);
        Assert.True(Assert.Single(await restarted.Outbox.GetAllAsync(CancellationToken.None)).MayHaveReachedSimkl);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_kept_aside_for_inspection_and_the_outbox_starts_empty()
    {
        await File.WriteAllTextAsync(_f.OutboxPath, "{ this is not json");

        var loaded = await _f.Outbox.GetAllAsync(CancellationToken.None);

        Assert.Empty(loaded);
        var aside = Assert.Single(Directory.GetFiles(_f.Data.Path, CompletionOutbox.FileName + ".unreadable-*"));
        Assert.Equal("{ this is not json", await File.ReadAllTextAsync(aside));
        Assert.Contains(_f.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("is not JSON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":1,\"completions\":{}}")]
    public async Task A_json_file_of_another_shape_holds_no_watches_and_is_replaced_by_the_next_write(string content)
    {
        await File.WriteAllTextAsync(_f.OutboxPath, content);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        await _f.Outbox.AddAsync(_f.Completion(_alice), CancellationToken.None);

        Assert.Single(JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!["completions"]!.AsArray());
    }

    [Theory]
    [InlineData("userId", "00000000-0000-0000-0000-000000000000")]
    [InlineData("id", "")]
    [InlineData("itemName", null)]
    [InlineData("episodes", null)]
    [InlineData("watchedAt", "yesterday")]
    public async Task An_entry_missing_what_a_send_needs_is_set_aside_and_the_others_kept(string property, string? value)
    {
        var good = _f.Completion(_alice, ago: TimeSpan.FromMinutes(20));
        var bad = _f.Completion(_alice, ago: TimeSpan.FromMinutes(10));
        await _f.Outbox.AddAsync(good, CancellationToken.None);
        await _f.Outbox.AddAsync(bad, CancellationToken.None);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!;
        file["completions"]![1]![property] = value;
        await File.WriteAllTextAsync(_f.OutboxPath, file.ToJsonString());

        using var restarted = new OutboxFixture(_f.Data);

        Assert.Equal([good.Id], (await restarted.Outbox.GetAllAsync(CancellationToken.None)).Select(e => e.Id));
        Assert.Single(Directory.GetFiles(_f.Data.Path, CompletionOutbox.FileName + ".rejected-*"));
    }

    [Fact]
    public async Task A_watch_listed_twice_in_the_file_is_kept_once_and_the_copy_set_aside()
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(_f.OutboxPath))!;
        var completions = file["completions"]!.AsArray();
        completions.Add(completions[0]!.DeepClone());
        await File.WriteAllTextAsync(_f.OutboxPath, file.ToJsonString());

        using var restarted = new OutboxFixture(_f.Data);

        Assert.Single(await restarted.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Single(Directory.GetFiles(_f.Data.Path, CompletionOutbox.FileName + ".rejected-*"));
    }

    [Fact]
    public async Task A_healthy_outbox_has_nothing_to_flush()
    {
        await _f.Outbox.AddAsync(_f.Completion(_alice), CancellationToken.None);
        File.Delete(_f.OutboxPath);

        Assert.True(await _f.Outbox.FlushAsync(CancellationToken.None));
        Assert.False(_f.Outbox.HasUnsavedChanges);

        // Nothing was unsaved, so the flush wrote nothing.
        Assert.False(File.Exists(_f.OutboxPath));
    }
}
