using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Follows "mark played" / "mark unplayed" to Simkl: <see cref="Offer"/> only queues (Jellyfin calls it on the request
/// thread), and one background loop handles the changes in order. The loop never faults: a failed change is logged
/// and the next one is handled; a played item that could not be sent is picked up by the next export.
/// </summary>
internal sealed partial class PlayedStateFollower : BackgroundService, IPlayedStateChangeSink
{
    private readonly Channel<PlayedStateChange> _queue;
    private readonly HistorySyncEngine _engine;
    private readonly IRecentCompletions _completions;
    private readonly ILogger<PlayedStateFollower> _logger;
    private long _handled;

    public PlayedStateFollower(HistorySyncEngine engine, IRecentCompletions completions, SyncOptions options, ILogger<PlayedStateFollower> logger)
    {
        _engine = engine;
        _completions = completions;
        _logger = logger;
        _queue = Channel.CreateBounded<PlayedStateChange>(new BoundedChannelOptions(options.FollowQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
    }

    /// <summary>Gets how many changes the loop has finished with (tests wait on it).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    public void Offer(PlayedStateChange change)
    {
        if (change is null || !_queue.Writer.TryWrite(change))
        {
            LogDropped(_logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await _engine.FollowAsync(change, _completions, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(_logger, ex, change.Item.DisplayName, change.UserId);
                }
                finally
                {
                    Interlocked.Increment(ref _handled);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; changes still queued are picked up by the next export.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A \"mark played\" change was dropped: too many are waiting; the next export sends it")]
    private static partial void LogDropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Following \"mark played\" of {Item} for user {UserId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string item, Guid userId);
}
