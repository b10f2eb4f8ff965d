using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// Replays the outbox: at server start, whenever a completion becomes due or is released, a user is linked again, and
/// at each entry's next attempt time (exponential backoff per entry). One delivery at a time, in the order the watches
/// happened, each under the completion's lease; completions someone else is sending are left alone. It never stops:
/// every failure is logged and the loop goes on.
/// </summary>
internal sealed partial class OutboxReplayer : BackgroundService
{
    private static readonly TimeSpan IdleCheck = TimeSpan.FromHours(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);

    private readonly CompletionOutbox _outbox;
    private readonly OutboxDelivery _delivery;
    private readonly ISimklAccountStore _accounts;
    private readonly ISimklClient _client;
    private readonly TimeProvider _time;
    private readonly CompletionOutboxOptions _options;
    private readonly ILogger<OutboxReplayer> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public OutboxReplayer(CompletionOutbox outbox, OutboxDelivery delivery, ISimklAccountStore accounts, ISimklClient client, TimeProvider time, CompletionOutboxOptions options, ILogger<OutboxReplayer> logger)
    {
        _outbox = outbox;
        _delivery = delivery;
        _accounts = accounts;
        _client = client;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _outbox.Changed += OnWake;
        _accounts.AccountChanged += OnAccountChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _outbox.Changed -= OnWake;
        _accounts.AccountChanged -= OnAccountChanged;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers every due entry of a linked user and returns how long to sleep until the next one.</summary>
    internal async Task<TimeSpan> ReplayDueAsync(CancellationToken cancellationToken)
    {
        var saved = await _outbox.FlushAsync(cancellationToken).ConfigureAwait(false);
        var entries = await _outbox.GetAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries.Where(IsDue).OrderBy(e => e.WatchedAt))
        {
            if (!_outbox.TryLease(entry.Id))
            {
                // Its live stop (or another delivery) owns it; it is released, and replayed if need be, after that.
                continue;
            }

            try
            {
                if (await _outbox.FindAsync(entry.Id, cancellationToken).ConfigureAwait(false) is { } current)
                {
                    await _delivery.DeliverAsync(current, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One entry must never hold up the others: logged, and tried again at the next pass.
                LogEntryFailed(_logger, ex, entry.ItemName, entry.UserId);
            }
            finally
            {
                _outbox.Release(entry.Id);
            }
        }

        var remaining = await _outbox.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var next = remaining.Where(e => e.DeadLetter is null && !_outbox.IsLeased(e.Id) && _accounts.IsTracking(e.UserId)).Select(e => (DateTimeOffset?)e.NextAttemptAt).Min();
        var wait = next is null ? IdleCheck : next.Value - _time.GetUtcNow();
        if (!saved || _outbox.HasUnsavedChanges)
        {
            wait = wait < _options.WriteRetryDelay ? wait : _options.WriteRetryDelay;
        }

        return Clamp(wait);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await LearnAccountIdsAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Nothing may end this loop but shutdown: a plugin must never take the server down.
                LogReplayFailed(_logger, ex);
            }
        }
    }

    /// <summary>
    /// Links made before account ids were kept learn theirs (one <c>/users/settings</c> each, once), so the watches
    /// made from now on stay bound to that account even when the user relinks it with a new token.
    /// </summary>
    private async Task LearnAccountIdsAsync(CancellationToken stoppingToken)
    {
        foreach (var link in _accounts.GetAll().Where(l => l.SimklAccountId is null && !l.IsBroken))
        {
            try
            {
                var profile = await _client.GetUserProfileAsync(link.Token, stoppingToken).ConfigureAwait(false);
                if (profile.IsSuccess && profile.Value.AccountId is { } id)
                {
                    await _accounts.RememberAccountIdAsync(link.UserId, link.Token, id, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Only a convenience: without the id, watches stay bound to the link's token instead.
                LogAccountIdFailed(_logger, ex, link.UserId);
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < ShortestWait ? ShortestWait : wait > IdleCheck ? IdleCheck : wait;

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        TimeSpan wait;
        try
        {
            wait = await ReplayDueAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The file unreadable for a moment, or a bug: tried again in a minute.
            LogReplayFailed(_logger, ex);
            wait = AfterFailure;
        }

        using var timeout = new CancellationTokenSource(Clamp(wait), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The next entry is due.
        }
    }

    private bool IsDue(PendingCompletion entry)
    {
        if (entry.DeadLetter is not null || !_accounts.IsTracking(entry.UserId))
        {
            return false;
        }

        if (entry.NextAttemptAt <= _time.GetUtcNow())
        {
            return true;
        }

        // A watch held for another account goes out as soon as that account is linked again.
        return entry.HeldBecause is not null && _accounts.Find(entry.UserId) is { } link && entry.BelongsTo(link);
    }

    private void OnWake(object? sender, EventArgs e) => _wake.Writer.TryWrite(true);

    private void OnAccountChanged(object? sender, SimklAccountChangedEventArgs e)
    {
        if (e.IsTracking)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Replaying the Simkl outbox failed; trying again in a minute")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the Simkl account id of user {UserId}'s link; their watches stay bound to its token")]
    private static partial void LogAccountIdFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replaying the watch of {Item} by user {UserId} failed; it is tried again later")]
    private static partial void LogEntryFailed(ILogger logger, Exception exception, string item, Guid userId);
}
