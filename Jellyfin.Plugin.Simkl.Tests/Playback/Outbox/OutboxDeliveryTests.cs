using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>
/// One delivery of one pending watch: what each of Simkl's answers makes of it, when it waits and for how long, and
/// when Simkl is asked first whether it already has the watch.
/// </summary>
public sealed class OutboxDeliveryTests : IDisposable
{
    private static readonly SimklMedia Severance = new(SimklMediaKind.Show, new SimklMediaObject("Severance", 2022, SimklIds.Of(("tvdb", "371980"))), Season: 1, Episode: 1, LastEpisode: 2);
    private readonly OutboxFixture _f = new();
    private readonly Guid _alice = Guid.NewGuid();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_dead_letter_is_never_sent_again()
    {
        await LinkAsync();
        var completion = await PendingAsync() with { DeadLetter = "Simkl refused it." };

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task A_watch_of_a_user_who_is_not_linked_or_whose_link_is_broken_waits_untouched()
    {
        var completion = await PendingAsync();
        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);
        await LinkAsync();
        await _f.Accounts.MarkBrokenAsync(_alice, new SimklToken("alice-token"), CancellationToken.None);
        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.Equal(completion, Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)));
        Assert.Empty(_f.ActivityOf(_alice));
    }

    [Fact]
    public async Task A_watch_of_another_simkl_account_is_held_for_that_account_and_said_so_once()
    {
        await LinkAsync(accountId: 2);
        var completion = await PendingAsync(c => c with { SimklAccountId = 1 });

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);
        var held = (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))!;
        await _f.Delivery.DeliverAsync(held, CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.NotNull(held.HeldBecause);
        Assert.Equal(_f.Time.GetUtcNow() + TimeSpan.FromHours(1), held.NextAttemptAt);
        var activity = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal(ActivityOutcome.Deferred, activity.Outcome);
        Assert.Equal(held.HeldBecause, activity.Reason);
    }

    [Fact]
    public async Task A_held_watch_goes_out_when_its_own_account_is_linked_again_and_is_no_longer_held()
    {
        await LinkAsync(accountId: 1);
        var completion = await PendingAsync(c => c with { SimklAccountId = 1, HeldBecause = "Watched with another Simkl account." });
        string? heldWhileSending = "not sent";
        _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(async _ =>
        {
            heldWhileSending = (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))!.HeldBecause;
            return SimklResult.Success(new HistoryResult(1, 0, 0, [], []));
        });

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Null(heldWhileSending);
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_watch_from_before_watches_were_bound_is_bound_to_the_link_that_sends_it()
    {
        await LinkAsync(accountId: 5);
        var completion = await PendingAsync(c => c with { SimklAccountId = null, TokenFingerprint = null });
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "Down."));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        var stored = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(5, stored.SimklAccountId);
        Assert.Equal(new SimklToken("alice-token").Fingerprint, stored.TokenFingerprint);
    }

    [Fact]
    public async Task A_watch_bound_to_a_token_learns_the_account_id_of_its_link()
    {
        await LinkAsync(accountId: 5);
        var completion = await PendingAsync(c => c with { SimklAccountId = null, TokenFingerprint = new SimklToken("alice-token").Fingerprint });
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "Down."));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal(5, Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).SimklAccountId);
    }

    [Fact]
    public async Task A_watch_is_sent_as_a_history_entry_of_its_own_time_under_its_own_key()
    {
        await LinkAsync();
        var completion = await PendingAsync();

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        await _f.Client.Received(1).AddToHistoryAsync(
            Arg.Is<HistoryRequest>(r => r.Movies.Single().WatchedAt == completion.WatchedAt && r.Movies.Single().Ids.Equals(OutboxFixture.Heat.Media.Ids) && r.Shows.Count == 0),
            Arg.Is<SimklToken>(t => t.Value == "alice-token"),
            "history:" + completion.Id,
            Arg.Any<CancellationToken>());
        var activity = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal(ActivityOutcome.Succeeded, activity.Outcome);
        Assert.Equal(ActivityAction.MarkWatched, activity.Action);
        Assert.Contains(_f.Logs.Entries, e => e.Message.Contains("(attempt 1)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public async Task Anything_added_is_a_success_even_when_simkl_did_not_find_something_else(int movies, int shows, int episodes)
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Success(new HistoryResult(movies, shows, episodes, [SimklIds.Of(("imdb", "tt0"))], [SimklIds.Of(("tvdb", "0"))])));

        await _f.Delivery.DeliverAsync(await PendingAsync(), CancellationToken.None);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(ActivityOutcome.Succeeded, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Nothing_added_and_the_item_not_found_is_dismissed_with_its_reason(bool movieNotFound)
    {
        await LinkAsync();
        var ids = SimklIds.Of(("imdb", "tt0113277"));
        AnswerHistory(SimklResult.Success(new HistoryResult(0, 0, 0, movieNotFound ? [ids] : [], movieNotFound ? [] : [ids])));

        await _f.Delivery.DeliverAsync(await PendingAsync(), CancellationToken.None);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        var activity = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal(ActivityOutcome.NotFound, activity.Outcome);
        Assert.Equal("Simkl does not know this item, so it could not be marked watched.", activity.Reason);
    }

    [Fact]
    public async Task A_not_found_answer_is_dismissed_with_its_reason()
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.NotFound, "Not found.", 404));

        await _f.Delivery.DeliverAsync(await PendingAsync(), CancellationToken.None);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(ActivityOutcome.NotFound, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_watch_simkl_already_has_leaves_the_outbox_as_already_recorded()
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.AlreadyRecorded, "Already there.", 409));

        await _f.Delivery.DeliverAsync(await PendingAsync(), CancellationToken.None);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(ActivityOutcome.AlreadyRecorded, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_send_replaced_by_a_newer_one_changes_nothing()
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Superseded, "Replaced."));
        var completion = await PendingAsync();

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        // Only the mark written before the send changed: no attempt counted, no wait, nothing shown.
        Assert.Equal(completion with { MayHaveReachedSimkl = true }, Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)));
        Assert.Empty(_f.ActivityOf(_alice));
    }

    [Fact]
    public async Task Failures_wait_1_2_4_minutes_and_so_on_up_to_an_hour()
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "Simkl is down."));
        var completion = await PendingAsync();
        var waits = new System.Collections.Generic.List<double>();

        for (var attempt = 0; attempt < 8; attempt++)
        {
            await _f.Delivery.DeliverAsync(completion, CancellationToken.None);
            completion = (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))!;
            waits.Add((completion.NextAttemptAt - _f.Time.GetUtcNow()).TotalMinutes);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits);
        Assert.Equal(8, completion.Attempts);
        Assert.Equal("Simkl is down.", completion.LastError);
        Assert.All(_f.ActivityOf(_alice), a => Assert.Equal(ActivityOutcome.Deferred, a.Outcome));
    }

    [Fact]
    public async Task A_watch_that_failed_a_thousand_times_still_waits_an_hour()
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "Simkl is down."));

        await _f.Delivery.DeliverAsync(await PendingAsync(c => c with { Attempts = 1000 }), CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).NextAttemptAt - _f.Time.GetUtcNow());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 2)]
    [InlineData(359, 359)]
    [InlineData(360, 360)]
    [InlineData(100_000, 360)]
    public async Task Retry_after_is_honoured_when_longer_than_the_backoff_but_never_beyond_6_hours(int askedMinutes, int waitedMinutes)
    {
        await LinkAsync();
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.RateLimited, "Slow down.", 429, retryAfter: TimeSpan.FromMinutes(askedMinutes)));

        await _f.Delivery.DeliverAsync(await PendingAsync(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(waitedMinutes), Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).NextAttemptAt - _f.Time.GetUtcNow());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-30, true)]
    [InlineData(-31, false)]
    public async Task A_movie_simkl_recorded_since_30_minutes_before_the_watch_is_that_watch(int recordedMinutes, bool isThisWatch)
    {
        await LinkAsync();
        var completion = await PendingAsync(c => c with { MayHaveReachedSimkl = true });
        AnswerCheck(SimklResult.Success(new WatchedStatus(true, "completed", completion.WatchedAt.AddMinutes(recordedMinutes), [])));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        await _f.Client.Received(1).GetWatchedAsync(OutboxFixture.Heat.Media.Ids, false, Arg.Any<SimklToken>(), Arg.Any<CancellationToken>());
        Assert.Equal(isThisWatch ? 0 : 1, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(isThisWatch ? ActivityOutcome.AlreadyRecorded : ActivityOutcome.Succeeded, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_movie_simkl_never_recorded_is_sent()
    {
        await LinkAsync();
        var completion = await PendingAsync(c => c with { MayHaveReachedSimkl = true });

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal(1, await _f.HistoryCallsAsync());
    }

    [Theory]
    [InlineData(SimklMediaKind.Show, 1, 1, true)]
    [InlineData(SimklMediaKind.Show, 2, 1, false)]
    [InlineData(SimklMediaKind.Anime, 2, 1, true)]
    [InlineData(SimklMediaKind.Show, 2, null, true)]
    public async Task An_episode_counts_as_recorded_only_in_its_own_season_except_for_anime_and_unnumbered_seasons(object kind, int recordedSeason, int? season, bool isThisWatch)
    {
        await LinkAsync();
        var media = Severance with { Kind = (SimklMediaKind)kind, Season = season };
        var completion = await PendingAsync(c => c with { Media = media, Episodes = [1], MayHaveReachedSimkl = true });
        AnswerCheck(SimklResult.Success(new WatchedStatus(true, "watching", completion.WatchedAt, [new WatchedEpisode(recordedSeason, 1, true, completion.WatchedAt)])));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal(isThisWatch ? 0 : 1, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task An_episode_simkl_lists_but_not_as_watched_or_under_another_number_is_sent()
    {
        await LinkAsync();
        var completion = await PendingAsync(c => c with { Media = Severance, Episodes = [1, 2], MayHaveReachedSimkl = true });
        AnswerCheck(SimklResult.Success(new WatchedStatus(
            true, "watching", completion.WatchedAt, [new WatchedEpisode(1, 1, false, completion.WatchedAt), new WatchedEpisode(1, 3, true, completion.WatchedAt)])));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        await _f.Client.Received(1).GetWatchedAsync(Severance.Media.Ids, true, Arg.Any<SimklToken>(), Arg.Any<CancellationToken>());
        await _f.Client.Received(1).AddToHistoryAsync(
            Arg.Is<HistoryRequest>(r => r.Shows.Single().Seasons!.Single().Episodes.Select(e => e.Number).SequenceEqual(new[] { 1, 2 })),
            Arg.Any<SimklToken>(),
            Arg.Any<string?>(),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Episodes_simkl_already_has_are_taken_off_the_watch_before_it_is_sent()
    {
        await LinkAsync();
        var completion = await PendingAsync(c => c with { Media = Severance, Episodes = [1, 2], MayHaveReachedSimkl = true });
        AnswerCheck(SimklResult.Success(new WatchedStatus(
            true, "watching", completion.WatchedAt, [new WatchedEpisode(1, 1, true, completion.WatchedAt)])));
        AnswerHistory(SimklResult.Failure<HistoryResult>(SimklOutcome.Unavailable, "Down."));

        await _f.Delivery.DeliverAsync(completion, CancellationToken.None);

        Assert.Equal([2], Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).Episodes);
    }

    [Fact]
    public async Task When_simkl_cannot_match_the_check_the_history_write_decides()
    {
        await LinkAsync();
        AnswerCheck(SimklResult.Failure<WatchedStatus>(SimklOutcome.NotFound, "Not found.", 404));

        await _f.Delivery.DeliverAsync(await PendingAsync(c => c with { MayHaveReachedSimkl = true }), CancellationToken.None);

        Assert.Equal(1, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task A_401_to_the_check_breaks_the_link_keeps_the_watch_and_sends_nothing()
    {
        await LinkAsync();
        AnswerCheck(SimklResult.Failure<WatchedStatus>(SimklOutcome.Unauthorized, "Revoked.", 401));

        await _f.Delivery.DeliverAsync(await PendingAsync(c => c with { MayHaveReachedSimkl = true }), CancellationToken.None);

        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.True(_f.Accounts.Find(_alice)!.IsBroken);
        Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(ActivityOutcome.LinkBroken, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_check_that_failed_waits_like_any_failure_and_keeps_its_retry_after()
    {
        await LinkAsync();
        AnswerCheck(SimklResult.Failure<WatchedStatus>(SimklOutcome.RateLimited, "Slow down.", 429, retryAfter: TimeSpan.FromMinutes(10)));

        await _f.Delivery.DeliverAsync(await PendingAsync(c => c with { MayHaveReachedSimkl = true }), CancellationToken.None);

        var waiting = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(10), waiting.NextAttemptAt - _f.Time.GetUtcNow());
        Assert.Equal("Slow down.", waiting.LastError);
    }

    private void AnswerHistory(SimklResult<HistoryResult> answer)
        => _f.Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(answer);

    private void AnswerCheck(SimklResult<WatchedStatus> answer)
        => _f.Client.GetWatchedAsync(default!, default, default!, default).ReturnsForAnyArgs(answer);

    private Task LinkAsync(long? accountId = null)
        => _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", accountId, CancellationToken.None);

    /// <summary>A watch in the outbox, owned by the test, not yet sent (unless the test says it may have been).</summary>
    private async Task<PendingCompletion> PendingAsync(Func<PendingCompletion, PendingCompletion>? change = null)
    {
        var completion = _f.Completion(_alice);
        await _f.Outbox.AddAsync(completion, CancellationToken.None);
        var stored = (await _f.Outbox.FindAsync(completion.Id, CancellationToken.None))! with { MayHaveReachedSimkl = false };
        stored = change?.Invoke(stored) ?? stored;
        await _f.Outbox.UpdateAsync(stored, CancellationToken.None);
        return stored;
    }
}
