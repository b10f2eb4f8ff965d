using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Follows "Mark played" / "Mark unplayed" in any Jellyfin client through <c>IUserDataManager.UserDataSaved</c>.
/// Jellyfin raises it synchronously on the request thread (and on playback, for every progress report): the handler
/// only reads a few fields, drops what is not a user's toggle, and copies the rest into a bounded queue. It never does
/// I/O and never throws.
/// </summary>
/// <remarks>
/// What is not a user's toggle:
/// <list type="bullet">
/// <item>any reason but TogglePlayed: playback saves (10.11 even clears Played when a resumable item starts again,
/// which is not "mark unplayed"), ratings, favourites, and our own import (saved as Import);</item>
/// <item>anything saved inside our own import (marked on the flow by <see cref="HistoryImportSaveScope"/>);</item>
/// <item>on Jellyfin 12, the TogglePlayed it raises for every other version of a video right after saving a finished
/// playback, on the same flow: the scrobbler already sends that completion.</item>
/// </list>
/// The per-version toggles 12 raises after a user's own "mark played" are collapsed by <see cref="PlayedStateChangeProcessor"/>.
/// </remarks>
internal sealed partial class UserDataSavedSubscriber : IHostedService
{
    /// <summary>How long after a finished playback on a flow its version toggles count as an echo (they follow at once).</summary>
    internal static readonly TimeSpan CompletionEchoWindow = TimeSpan.FromMinutes(1);

    private readonly IUserDataManager _userData;
    private readonly PlayedStateSignalQueue _queue;
    private readonly ISimklAccountStore _accounts;
    private readonly HistoryImportSaveScope _importSaves;
    private readonly TimeProvider _time;
    private readonly ILogger<UserDataSavedSubscriber> _logger;

    // Set by the handler while Jellyfin saves a finished playback; it flows on to the saves Jellyfin 12 makes for the
    // other versions in the same call, and ends with the request's own async flow.
    private readonly AsyncLocal<(Guid UserId, DateTimeOffset Time)?> _completion = new();
    private int _refusalsLogged;

    public UserDataSavedSubscriber(
        IUserDataManager userData,
        PlayedStateSignalQueue queue,
        ISimklAccountStore accounts,
        HistoryImportSaveScope importSaves,
        TimeProvider time,
        ILogger<UserDataSavedSubscriber> logger)
    {
        _userData = userData;
        _queue = queue;
        _accounts = accounts;
        _importSaves = importSaves;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _userData.UserDataSaved += OnUserDataSaved;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _userData.UserDataSaved -= OnUserDataSaved;
        return Task.CompletedTask;
    }

    internal void OnUserDataSaved(object? sender, UserDataSaveEventArgs e)
    {
        try
        {
            if (e?.Item is not (Movie or Episode) || e.UserData is not { } data || e.UserId == Guid.Empty)
            {
                return;
            }

            switch (e.SaveReason)
            {
                case UserDataSaveReason.PlaybackFinished or UserDataSaveReason.PlaybackProgress when data.Played:
                    _completion.Value = (e.UserId, _time.GetUtcNow());
                    return;
                case UserDataSaveReason.TogglePlayed:
                    break;
                default:
                    return;
            }

            if (_importSaves.IsSavingFor(e.UserId) || !_accounts.IsTracking(e.UserId))
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (_completion.Value is { } mark && mark.UserId == e.UserId && now - mark.Time < CompletionEchoWindow)
            {
                return;
            }

            if (!_queue.TryPublish(new PlayedStateSignal(e.UserId, e.Item, data.Played, data.LastPlayedDate, now))
                && Interlocked.Increment(ref _refusalsLogged) % 1000 == 1)
            {
                LogQueueFull(_logger, PlayedStateSignalQueue.Capacity, _queue.Refused);
            }
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read a Jellyfin user data change for Simkl")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl history sync is behind: {Capacity} played/unplayed changes are waiting, {Refused} refused so far")]
    private static partial void LogQueueFull(ILogger logger, int capacity, long refused);
}
