using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The background loop behind <see cref="UserDataSavedSubscriber"/>: maps each "mark (un)played" to our own terms, off
/// Jellyfin's request thread, collapses the events Jellyfin 12 raises for every version of one video into one, and
/// hands the change to the sync core's <see cref="IPlayedStateChangeSink"/>.
/// </summary>
internal sealed partial class PlayedStateChangeProcessor : BackgroundService
{
    /// <summary>A change equal to the last one handed over for the same item within this time is a duplicate.</summary>
    internal static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);

    private const int PruneAbove = 4_096;

    private readonly PlayedStateSignalQueue _queue;
    private readonly ItemMapper _mapper;
    private readonly IPlayedStateChangeSink _sink;
    private readonly ILogger<PlayedStateChangeProcessor> _logger;
    private readonly Dictionary<PlayedStateIdentity, (bool Played, DateTimeOffset Time)> _lastHandedOver = [];
    private long _processed;

    public PlayedStateChangeProcessor(PlayedStateSignalQueue queue, ItemMapper mapper, IPlayedStateChangeSink sink, ILogger<PlayedStateChangeProcessor> logger)
    {
        _queue = queue;
        _mapper = mapper;
        _sink = sink;
        _logger = logger;
    }

    /// <summary>Gets how many signals the loop has finished with (tests wait on it).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    internal void Process(in PlayedStateSignal signal)
    {
        var mapping = _mapper.Map(signal.Item);
        if (mapping.Item is not { } item)
        {
            LogNotSynced(_logger, signal.Item.Name, mapping.NotTrackedBecause ?? "unknown");
            return;
        }

        var identity = PlayedStateIdentity.Of(signal.UserId, item);
        if (_lastHandedOver.TryGetValue(identity, out var last) && last.Played == signal.Played && signal.Time - last.Time < DuplicateWindow)
        {
            return;
        }

        if (_lastHandedOver.Count >= PruneAbove)
        {
            Prune(signal.Time);
        }

        _lastHandedOver[identity] = (signal.Played, signal.Time);
        var lastPlayed = signal.LastPlayed is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        _sink.Offer(new PlayedStateChange(signal.UserId, item, signal.Played, lastPlayed, signal.Time));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Process(signal);
                }
                catch (Exception ex)
                {
                    // One bad item must not stop following the others.
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

    private void Prune(DateTimeOffset now)
    {
        var expired = new List<PlayedStateIdentity>();
        foreach (var (identity, last) in _lastHandedOver)
        {
            if (now - last.Time >= DuplicateWindow)
            {
                expired.Add(identity);
            }
        }

        foreach (var identity in expired)
        {
            _lastHandedOver.Remove(identity);
        }

        // Thousands of distinct changes inside the window (a whole library marked at once): duplicates of those are
        // rare, and memory must stay bounded.
        if (_lastHandedOver.Count >= PruneAbove)
        {
            _lastHandedOver.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} was marked (un)played but is not synced with Simkl: {Reason}")]
    private static partial void LogNotSynced(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simkl history sync could not handle a played/unplayed change for {Item}")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string item);
}
