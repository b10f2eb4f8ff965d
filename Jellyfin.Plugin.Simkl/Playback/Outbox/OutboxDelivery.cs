using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// Delivers one pending completion with <c>POST /sync/history</c> and records what became of it. Called only by the
/// completion's owner (see <see cref="CompletionOutbox"/>): the live stop that made it, or the replayer.
/// </summary>
internal sealed partial class OutboxDelivery
{
    private readonly ISimklClient _client;
    private readonly ISimklAccountStore _accounts;
    private readonly CompletionOutbox _outbox;
    private readonly IActivityLog _activity;
    private readonly TimeProvider _time;
    private readonly CompletionOutboxOptions _options;
    private readonly ILogger<OutboxDelivery> _logger;

    public OutboxDelivery(ISimklClient client, ISimklAccountStore accounts, CompletionOutbox outbox, IActivityLog activity, TimeProvider time, CompletionOutboxOptions options, ILogger<OutboxDelivery> logger)
    {
        _client = client;
        _accounts = accounts;
        _outbox = outbox;
        _activity = activity;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public async Task DeliverAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.DeadLetter is not null)
        {
            return;
        }

        var link = _accounts.Find(completion.UserId);
        if (link is null || link.IsBroken)
        {
            // Kept until the user is linked again; the replayer is woken by the account change.
            return;
        }

        if (await BindAsync(completion, link, cancellationToken).ConfigureAwait(false) is not { } bound)
        {
            return;
        }

        completion = bound;

        if (completion.Media.Kind != SimklMediaKind.Movie && completion.Episodes.Count == 0)
        {
            // A show or anime without an episode would be sent bare, and a bare show marks every aired episode.
            await DeadLetterAsync(completion, "It has no episode number, and Simkl would mark the whole show watched.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (completion.MayHaveReachedSimkl)
        {
            // An earlier send may have landed (a crash, or an answer lost on the way back): ask before sending again.
            if (await LeftToSendAsync(completion, link, cancellationToken).ConfigureAwait(false) is not { } left)
            {
                return;
            }

            completion = left;
        }
        else if (!await _outbox.MarkSendingAsync(completion, cancellationToken).ConfigureAwait(false))
        {
            // The mark is not on disk, so a crash during the send could lead to sending it twice: wait for the disk.
            return;
        }

        var request = SimklRequests.History(completion.Media, completion.Episodes, completion.WatchedAt);
        var result = await _client.AddToHistoryAsync(request, link.Token, "history:" + completion.Id, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case SimklOutcome.Success when result.Value!.AddedMovies + result.Value.AddedShows + result.Value.AddedEpisodes == 0
                                           && (result.Value.NotFoundMovies.Count + result.Value.NotFoundShows.Count) > 0:
            case SimklOutcome.NotFound:
                await DismissAsync(completion, "Simkl does not know this item, so it could not be marked watched.", cancellationToken).ConfigureAwait(false);
                break;
            case SimklOutcome.Success:
            case SimklOutcome.AlreadyRecorded:
                await _outbox.RemoveAsync(completion.Id, cancellationToken).ConfigureAwait(false);
                Record(completion, result.Outcome == SimklOutcome.Success ? ActivityOutcome.Succeeded : ActivityOutcome.AlreadyRecorded, null);
                LogDelivered(_logger, completion.ItemName, completion.UserId, completion.Attempts + 1);
                break;
            case SimklOutcome.Superseded:
                // Another delivery of this same entry is queued behind it and will report the outcome.
                break;
            case SimklOutcome.Unauthorized:
                await _accounts.MarkBrokenAsync(completion.UserId, link.Token, cancellationToken).ConfigureAwait(false);
                Record(completion, ActivityOutcome.LinkBroken, "Simkl rejected the account; the watch is kept until the user is linked again.");
                break;
            case SimklOutcome.BadRequest or SimklOutcome.Forbidden:
                // Sending the same request again gets the same answer: keep it visibly instead of retrying for 60 days.
                await DeadLetterAsync(completion, "Simkl refused it: " + (result.Message ?? result.Outcome.ToString()), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await DeferAsync(completion, result.Outcome, result.Message, result.RetryAfter, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Removes a completion Simkl cannot record (it does not know the item), with the reason in the log and the
    /// user's activity: no completion leaves the outbox silently.
    /// </summary>
    public async Task DismissAsync(PendingCompletion completion, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        await _outbox.RemoveAsync(completion.Id, cancellationToken).ConfigureAwait(false);
        Record(completion, ActivityOutcome.NotFound, reason);
        LogDismissed(_logger, completion.ItemName, completion.UserId, reason);
    }

    /// <summary>Keeps the watch only for the Simkl account that watched it; returns null when it must wait.</summary>
    private async Task<PendingCompletion?> BindAsync(PendingCompletion completion, SimklAccountLink link, CancellationToken cancellationToken)
    {
        if (!completion.BelongsTo(link))
        {
            const string Reason = "Watched with another Simkl account than the one the user is linked to now; it is sent if that account is linked again.";
            await _outbox.UpdateAsync(completion with { HeldBecause = Reason, NextAttemptAt = _time.GetUtcNow() + _options.MaxRetryDelay }, cancellationToken).ConfigureAwait(false);
            if (completion.HeldBecause is null)
            {
                Record(completion, ActivityOutcome.Deferred, Reason);
                LogHeld(_logger, completion.ItemName, completion.UserId);
            }

            return null;
        }

        // Bind a watch that is not fully bound yet: an old one to this link, one bound to the token to its account id.
        var bindsNow = completion.HeldBecause is not null
                       || (completion.SimklAccountId is null && (completion.TokenFingerprint is null || link.SimklAccountId is not null));
        if (!bindsNow)
        {
            return completion;
        }

        var bound = completion with
        {
            HeldBecause = null,
            SimklAccountId = completion.SimklAccountId ?? link.SimklAccountId,
            TokenFingerprint = completion.TokenFingerprint ?? link.Token.Fingerprint,
        };
        await _outbox.UpdateAsync(bound, cancellationToken).ConfigureAwait(false);
        return bound;
    }

    /// <summary>Asks Simkl which of the completion's episodes (or the movie) it already has; null when nothing is left to send.</summary>
    private async Task<PendingCompletion?> LeftToSendAsync(PendingCompletion completion, SimklAccountLink link, CancellationToken cancellationToken)
    {
        var isMovie = completion.Media.Kind == SimklMediaKind.Movie;
        var watched = await _client.GetWatchedAsync(completion.Media.Media.Ids, !isMovie, link.Token, cancellationToken).ConfigureAwait(false);
        switch (watched.Outcome)
        {
            case SimklOutcome.Success when watched.Value is { } status:
                var left = isMovie
                    ? (IsThisWatch(completion, status.LastWatchedAt) ? [] : completion.Episodes)
                    : completion.Episodes.Where(n => !status.Episodes.Any(e => IsEpisode(completion, e, n) && e.Watched && IsThisWatch(completion, e.LastWatchedAt))).ToList();
                if (isMovie ? IsThisWatch(completion, status.LastWatchedAt) : left.Count == 0)
                {
                    await _outbox.RemoveAsync(completion.Id, cancellationToken).ConfigureAwait(false);
                    Record(completion, ActivityOutcome.AlreadyRecorded, null);
                    LogAlreadyThere(_logger, completion.ItemName, completion.UserId);
                    return null;
                }

                if (left.Count < completion.Episodes.Count)
                {
                    completion = completion with { Episodes = left };
                    await _outbox.UpdateAsync(completion, cancellationToken).ConfigureAwait(false);
                }

                return completion;
            case SimklOutcome.NotFound:
                // Simkl cannot match it: the history write below reports that, with the usual visible outcome.
                return completion;
            case SimklOutcome.Unauthorized:
                await _accounts.MarkBrokenAsync(completion.UserId, link.Token, cancellationToken).ConfigureAwait(false);
                Record(completion, ActivityOutcome.LinkBroken, "Simkl rejected the account; the watch is kept until the user is linked again.");
                return null;
            default:
                // Never send blindly: without an answer, try the question again later.
                await DeferAsync(completion, watched.Outcome, watched.Message, watched.RetryAfter, cancellationToken).ConfigureAwait(false);
                return null;
        }
    }

    private static bool IsEpisode(PendingCompletion completion, WatchedEpisode episode, int number)
        => episode.Number == number
           && (completion.Media.Kind == SimklMediaKind.Anime || completion.Media.Season is null || episode.Season == completion.Media.Season);

    private bool IsThisWatch(PendingCompletion completion, DateTimeOffset? lastWatchedAt)
        => lastWatchedAt is { } at && at >= completion.WatchedAt - _options.SameWatchTolerance;

    private async Task DeadLetterAsync(PendingCompletion completion, string reason, CancellationToken cancellationToken)
    {
        await _outbox.UpdateAsync(completion with { DeadLetter = reason, LastError = reason }, cancellationToken).ConfigureAwait(false);
        Record(completion, ActivityOutcome.Failed, reason);
        LogDeadLetter(_logger, completion.ItemName, completion.UserId, reason);
    }

    private async Task DeferAsync(PendingCompletion completion, SimklOutcome outcome, string? message, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var attempts = completion.Attempts + 1;
        var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        if (retryAfter is { } asked && asked > delay)
        {
            // Honoured, but never beyond a bound: a wrong or hostile header must not park a watch for years.
            delay = asked < _options.MaxRetryAfter ? asked : _options.MaxRetryAfter;
        }

        await _outbox.UpdateAsync(completion with { Attempts = attempts, NextAttemptAt = _time.GetUtcNow() + delay, LastError = message }, cancellationToken).ConfigureAwait(false);
        Record(completion, ActivityOutcome.Deferred, message);
        LogDeferred(_logger, completion.ItemName, completion.UserId, outcome, delay.TotalMinutes);
    }

    private void Record(PendingCompletion completion, ActivityOutcome outcome, string? reason)
        => _activity.Record(new ActivityEntry(completion.UserId, _time.GetUtcNow(), completion.ItemName, ActivityAction.MarkWatched, outcome, reason));

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Item} watched on Simkl for user {UserId} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string item, Guid userId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl already has the watch of {Item} by user {UserId}; it is not sent again")]
    private static partial void LogAlreadyThere(ILogger logger, string item, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Item} watched on Simkl for user {UserId} ({Outcome}); next try in {Minutes:0.#} min")]
    private static partial void LogDeferred(ILogger logger, string item, Guid userId, SimklOutcome outcome, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The watch of {Item} by user {UserId} was not recorded on Simkl: {Reason}")]
    private static partial void LogDismissed(ILogger logger, string item, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The watch of {Item} by user {UserId} will not be sent to Simkl again and is kept in the outbox: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string item, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The watch of {Item} by user {UserId} belongs to another Simkl account than the one linked now; it waits for that account")]
    private static partial void LogHeld(ILogger logger, string item, Guid userId);
}
