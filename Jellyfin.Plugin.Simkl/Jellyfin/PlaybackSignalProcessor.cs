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
/// users who are not linked before any work is done, maps new items, and feeds the tracker our own events.
/// </summary>
internal sealed partial class PlaybackSignalProcessor : BackgroundService
{
    private const int MaxRememberedUntrackable = 5_000;

    private readonly PlaybackSignalQueue _queue;
    private readonly PlaybackTracker _tracker;
    private readonly ItemMapper _mapper;
    private readonly ISimklAccountStore _accounts;
    private readonly ILogger<PlaybackSignalProcessor> _logger;
    private readonly HashSet<Guid> _untrackable = [];
    private long _processed;

    public PlaybackSignalProcessor(PlaybackSignalQueue queue, PlaybackTracker tracker, ItemMapper mapper, ISimklAccountStore accounts, ILogger<PlaybackSignalProcessor> logger)
    {
        _queue = queue;
        _tracker = tracker;
        _mapper = mapper;
        _accounts = accounts;
        _logger = logger;
    }

    /// <summary>Gets how many signals the loop has finished with (tests wait on it).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    internal async Task ProcessAsync(PlaybackSignal signal, CancellationToken cancellationToken)
    {
        var key = new PlaybackKey(signal.SessionId, signal.UserId, signal.Item.Id);
        var known = _tracker.IsKnown(key);
        if (!known && (!_accounts.IsTracking(signal.UserId) || _untrackable.Contains(signal.Item.Id)))
        {
            return;
        }

        TrackedItem? item = null;
        if (!known)
        {
            var mapping = _mapper.Map(signal.Item);
            if (mapping.Item is null)
            {
                if (_untrackable.Count >= MaxRememberedUntrackable)
                {
                    _untrackable.Clear();
                }

                _untrackable.Add(signal.Item.Id);
                LogNotTrackable(_logger, signal.Item.Name, mapping.NotTrackedBecause ?? "unknown");
                return;
            }

            item = mapping.Item;
        }

        var position = signal.PositionTicks is { } ticks && ticks >= 0 ? TimeSpan.FromTicks(ticks) : (TimeSpan?)null;
        await _tracker.HandleAsync(new PlaybackEvent(signal.Kind, key, signal.Time, position, signal.IsPaused, item), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ProcessAsync(signal, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
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
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Server shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} is not tracked on Simkl: {Reason}")]
    private static partial void LogNotTrackable(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simkl tracking could not handle an event for {Item}")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string item);
}
