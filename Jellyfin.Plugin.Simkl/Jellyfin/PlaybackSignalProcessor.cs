using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Playback;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The single background loop between Jellyfin and the tracker: takes signals off the queue in order, drops those of
/// users who are not linked before any work is done, maps new items, and feeds the tracker our own events. Nothing here
/// waits on Simkl. At shutdown the signals still queued are handled too, so every stop becomes an outbox entry.
/// </summary>
internal sealed partial class PlaybackSignalProcessor : BackgroundService
{
    private const int MaxRememberedUntrackable = 5_000;

    private readonly PlaybackSignalQueue _queue;
    private readonly PlaybackTracker _tracker;
    private readonly ItemMapper _mapper;
    private readonly ISimklAccountStore _accounts;
    private readonly PlaybackTrackingOptions _rules;
    private readonly ILogger<PlaybackSignalProcessor> _logger;
    private readonly Dictionary<Guid, DateTimeOffset> _untrackable = [];
    private long _processed;

    public PlaybackSignalProcessor(PlaybackSignalQueue queue, PlaybackTracker tracker, ItemMapper mapper, ISimklAccountStore accounts, PlaybackTrackingOptions rules, ILogger<PlaybackSignalProcessor> logger)
    {
        _queue = queue;
        _tracker = tracker;
        _mapper = mapper;
        _accounts = accounts;
        _rules = rules;
        _logger = logger;
    }

    /// <summary>Gets how many signals the loop has finished with (tests wait on it).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // The subscriber is gone by now (hosted services stop in reverse order): what is queued is all there will be,
        // and its stops go to the outbox rather than to a Simkl call the shutdown would cut off.
        _tracker.StopSending();
        while (_queue.Reader.TryRead(out var signal))
        {
            Run(signal);
        }

        await _tracker.ShutdownAsync().ConfigureAwait(false);
    }

    internal void Process(PlaybackSignal signal)
    {
        var key = new PlaybackKey(signal.SessionId, signal.UserId, signal.Item.Id);
        var needsItem = _tracker.NeedsItem(key, signal.Kind);
        if (needsItem && (!_accounts.IsTracking(signal.UserId) || IsUntrackable(signal)))
        {
            return;
        }

        TrackedItem? item = null;
        if (needsItem)
        {
            var mapping = _mapper.Map(signal.Item);
            if (mapping.Item is null)
            {
                if (_untrackable.Count >= MaxRememberedUntrackable)
                {
                    _untrackable.Clear();
                }

                // Some reasons never change (an extra, a channel item); a missing runtime does, so it is asked again.
                _untrackable[signal.Item.Id] = mapping.RetryLater ? signal.Time + _rules.RuntimeRecheck : DateTimeOffset.MaxValue;
                LogNotTrackable(_logger, signal.Item.Name, mapping.NotTrackedBecause ?? "unknown");
                return;
            }

            _untrackable.Remove(signal.Item.Id);
            item = mapping.Item;
        }

        var position = signal.PositionTicks is { } ticks && ticks >= 0 ? TimeSpan.FromTicks(ticks) : (TimeSpan?)null;
        _tracker.Handle(new PlaybackEvent(signal.Kind, key, signal.Time, position, signal.IsPaused, item, signal.IsAutomated));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (!stoppingToken.IsCancellationRequested && _queue.Reader.TryRead(out var signal))
                {
                    Run(signal);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Server shutting down: StopAsync handles what is still queued.
        }
    }

    private bool IsUntrackable(PlaybackSignal signal)
        => _untrackable.TryGetValue(signal.Item.Id, out var until) && signal.Time < until;

    private void Run(PlaybackSignal signal)
    {
        try
        {
            Process(signal);
        }
        catch (Exception ex)
        {
            // One bad item or a disk error must not stop tracking for everyone.
            LogProcessingFailed(_logger, ex, signal.Item.Name);
        }
        finally
        {
            Interlocked.Increment(ref _processed);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} is not tracked on Simkl: {Reason}")]
    private static partial void LogNotTrackable(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simkl tracking could not handle an event for {Item}")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string item);
}
