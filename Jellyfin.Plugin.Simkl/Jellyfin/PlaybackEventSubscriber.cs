using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Subscribes to Jellyfin's playback events while the server runs. PlaybackProgress is raised on the client's HTTP
/// request thread about once a second per session, and an exception there fails the client's request and starves the
/// other subscribers: so each handler only copies a few values into the queue, and never throws.
/// </summary>
internal sealed partial class PlaybackEventSubscriber : IHostedService
{
    private readonly ISessionManager _sessions;
    private readonly PlaybackSignalQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<PlaybackEventSubscriber> _logger;
    private int _refusalsLogged;

    public PlaybackEventSubscriber(ISessionManager sessions, PlaybackSignalQueue queue, TimeProvider time, ILogger<PlaybackEventSubscriber> logger)
    {
        _sessions = sessions;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sessions.PlaybackStart += OnPlaybackStart;
        _sessions.PlaybackProgress += OnPlaybackProgress;
        _sessions.PlaybackStopped += OnPlaybackStopped;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _sessions.PlaybackStart -= OnPlaybackStart;
        _sessions.PlaybackProgress -= OnPlaybackProgress;
        _sessions.PlaybackStopped -= OnPlaybackStopped;
        return Task.CompletedTask;
    }

    internal void OnPlaybackStart(object? sender, PlaybackProgressEventArgs e) => Publish(PlaybackEventKind.Start, e);

    internal void OnPlaybackProgress(object? sender, PlaybackProgressEventArgs e) => Publish(PlaybackEventKind.Progress, e);

    internal void OnPlaybackStopped(object? sender, PlaybackStopEventArgs e) => Publish(PlaybackEventKind.Stop, e);

    private void Publish(PlaybackEventKind kind, PlaybackProgressEventArgs? e)
    {
        try
        {
            if (e?.Item is not { } item || e.Session?.Id is not { } sessionId)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var users = e.Users;
            if (users is null || users.Count == 0)
            {
                Offer(new PlaybackSignal(kind, item, sessionId, e.Session.UserId, e.PlaybackPositionTicks, e.IsPaused, now));
                return;
            }

            // One session can carry several users (SyncPlay, shared sessions): each scrobbles with their own account.
            foreach (var user in users)
            {
                Offer(new PlaybackSignal(kind, item, sessionId, user.Id, e.PlaybackPositionTicks, e.IsPaused, now));
            }
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex, kind);
        }
    }

    private void Offer(in PlaybackSignal signal)
    {
        if (!_queue.TryPublish(signal) && Interlocked.Increment(ref _refusalsLogged) % 1000 == 1)
        {
            LogQueueFull(_logger, PlaybackSignalQueue.Capacity, _queue.Refused);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read a Jellyfin {Kind} event for Simkl")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, PlaybackEventKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl tracking is behind: {Capacity} events are waiting, {Refused} refused so far")]
    private static partial void LogQueueFull(ILogger logger, int capacity, long refused);
}
