using System;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// Replays the outbox: at server start, whenever a completion becomes due or a user is linked again, and at each
/// entry's next attempt time (exponential backoff per entry). One delivery at a time, in the order the watches happened.
/// </summary>
internal sealed partial class OutboxReplayer : BackgroundService
{
    private static readonly TimeSpan IdleCheck = TimeSpan.FromHours(1);

    private readonly CompletionOutbox _outbox;
    private readonly OutboxDelivery _delivery;
    private readonly ISimklAccountStore _accounts;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxReplayer> _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public OutboxReplayer(CompletionOutbox outbox, OutboxDelivery delivery, ISimklAccountStore accounts, TimeProvider time, ILogger<OutboxReplayer> logger)
    {
        _outbox = outbox;
        _delivery = delivery;
        _accounts = accounts;
        _time = time;
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
        var entries = await _outbox.GetAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries.Where(e => e.NextAttemptAt <= _time.GetUtcNow() && _accounts.IsTracking(e.UserId)).OrderBy(e => e.WatchedAt))
        {
            await _delivery.DeliverAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        var remaining = await _outbox.GetAllAsync(cancellationToken).ConfigureAwait(false);
        var next = remaining.Where(e => _accounts.IsTracking(e.UserId)).Select(e => (DateTimeOffset?)e.NextAttemptAt).Min();
        var wait = next is null ? IdleCheck : next.Value - _time.GetUtcNow();
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await ReplayDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The replayer must outlive any single bad entry or disk hiccup; it tries again later.
                LogReplayFailed(_logger, ex);
                wait = TimeSpan.FromMinutes(1);
            }

            using var timeout = new CancellationTokenSource(wait, _time);
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
            catch (OperationCanceledException)
            {
                return;
            }
        }
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
}
