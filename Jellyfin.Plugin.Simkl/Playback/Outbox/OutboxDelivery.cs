using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>Delivers one pending completion with <c>POST /sync/history</c> and records what became of it.</summary>
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
        var link = _accounts.Find(completion.UserId);
        if (link is null || link.IsBroken)
        {
            // Kept until the user is linked again; the replayer is woken by the account change.
            return;
        }

        if (completion.Media.Kind != SimklMediaKind.Movie && completion.Episodes.Count == 0)
        {
            await _outbox.RemoveAsync(completion.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = SimklRequests.History(completion.Media, completion.Episodes, completion.WatchedAt);
        var result = await _client.AddToHistoryAsync(request, link.Token, "history:" + completion.Id, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case SimklOutcome.Success when result.Value!.AddedMovies + result.Value.AddedShows + result.Value.AddedEpisodes == 0
                                           && (result.Value.NotFoundMovies.Count + result.Value.NotFoundShows.Count) > 0:
            case SimklOutcome.NotFound:
                await _outbox.RemoveAsync(completion.Id, cancellationToken).ConfigureAwait(false);
                Record(completion, ActivityOutcome.NotFound, "Simkl does not know this item, so it could not be marked watched.");
                LogNotFound(_logger, completion.ItemName, completion.UserId);
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
                await _accounts.MarkBrokenAsync(completion.UserId, cancellationToken).ConfigureAwait(false);
                Record(completion, ActivityOutcome.LinkBroken, "Simkl rejected the account; the watch is kept until the user is linked again.");
                break;
            default:
                var attempts = completion.Attempts + 1;
                var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
                if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                await _outbox.UpdateAsync(completion with { Attempts = attempts, NextAttemptAt = _time.GetUtcNow() + delay, LastError = result.Message }, cancellationToken).ConfigureAwait(false);
                Record(completion, ActivityOutcome.Deferred, result.Message);
                LogDeferred(_logger, completion.ItemName, completion.UserId, result.Outcome, delay.TotalMinutes);
                break;
        }
    }

    private void Record(PendingCompletion completion, ActivityOutcome outcome, string? reason)
        => _activity.Record(new ActivityEntry(completion.UserId, _time.GetUtcNow(), completion.ItemName, ActivityAction.MarkWatched, outcome, reason));

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Item} watched on Simkl for user {UserId} (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string item, Guid userId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark {Item} watched on Simkl for user {UserId} ({Outcome}); next try in {Minutes:0.#} min")]
    private static partial void LogDeferred(ILogger logger, string item, Guid userId, SimklOutcome outcome, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl does not know {Item}; the watch of user {UserId} could not be recorded")]
    private static partial void LogNotFound(ILogger logger, string item, Guid userId);
}
