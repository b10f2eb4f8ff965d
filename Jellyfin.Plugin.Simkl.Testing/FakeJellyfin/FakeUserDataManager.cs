using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>
/// Jellyfin's user data in memory, raising <see cref="UserDataSaved"/> synchronously inside every save as the server
/// does, and the server's own flows that save it (playback start, progress and stop; "mark played"/"mark unplayed";
/// a whole series marked played), each as the chosen line does them. Each flow runs as its own request: anything a
/// handler keeps on the flow ends with it.
/// </summary>
public sealed class FakeUserDataManager : IUserDataManager
{
    private readonly object _gate = new();
    private readonly Dictionary<(Guid UserId, Guid ItemId), UserItemData> _data = [];
    private readonly List<RecordedSave> _saves = [];
    private readonly FakeLibraryManager _library;

    public FakeUserDataManager(JellyfinLine line, FakeLibraryManager library)
    {
        Line = line;
        _library = library;
        _library.UsePlayedState((user, item) => Peek(user.Id, item.Id)?.Played == true);
    }

    public event EventHandler<UserDataSaveEventArgs>? UserDataSaved;

    public JellyfinLine Line { get; }

    public IReadOnlyList<RecordedSave> Saves
    {
        get
        {
            lock (_gate)
            {
                return _saves.ToList();
            }
        }
    }

    public UserItemData? GetUserData(User user, BaseItem item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            // Like the server's cache: the same instance until saved, created with the item's key when absent.
            if (!_data.TryGetValue((user.Id, item.Id), out var data))
            {
                data = new UserItemData { Key = item.Id.ToString() };
                _data[(user.Id, item.Id)] = data;
            }

            return data;
        }
    }

    public void SaveUserData(User user, BaseItem item, UserItemData userData, UserDataSaveReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(userData);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _data[(user.Id, item.Id)] = userData;
            _saves.Add(new RecordedSave(user.Id, item.Id, reason, userData.Played, userData.LastPlayedDate));
        }

        UserDataSaved?.Invoke(this, new UserDataSaveEventArgs
        {
            UserId = user.Id,
            Item = item,
            UserData = userData,
            SaveReason = reason,
            Keys = KeysOf(item),
        });
    }

    /// <summary>Sets played state silently (history that existed before the test), as a database would hold it.</summary>
    public void Seed(User user, BaseItem item, bool played, DateTime? lastPlayed)
    {
        lock (_gate)
        {
            _data[(user.Id, item.Id)] = new UserItemData { Key = item.Id.ToString(), Played = played, PlayCount = played ? 1 : 0, LastPlayedDate = lastPlayed };
        }
    }

    public UserItemData? Peek(Guid userId, Guid itemId)
    {
        lock (_gate)
        {
            return _data.GetValueOrDefault((userId, itemId));
        }
    }

    /// <summary>A client starts playing (SessionManager.OnPlaybackStart).</summary>
    public void StartPlayback(User user, BaseItem item, DateTime now) => AsRequest(() =>
    {
        var data = GetUserData(user, item)!;
        data.PlayCount++;
        data.LastPlayedDate = now;

        // Movies and episodes are resumable: 10.11 clears Played when one starts again; 12 keeps it.
        if (Line == JellyfinLine.Jellyfin1011)
        {
            data.Played = false;
        }

        SaveUserData(user, item, data, UserDataSaveReason.PlaybackStart, CancellationToken.None);
    });

    /// <summary>A progress report (SessionManager.OnPlaybackProgress): past 90 % the item counts as played.</summary>
    public void ReportProgress(User user, BaseItem item, long positionTicks) => AsRequest(() =>
    {
        var data = GetUserData(user, item)!;
        UpdatePlayState(item, data, positionTicks);
        SaveUserData(user, item, data, UserDataSaveReason.PlaybackProgress, CancellationToken.None);
        if (Line == JellyfinLine.Jellyfin12 && data.Played)
        {
            Propagate(user, item, true);
        }
    });

    /// <summary>A client stops (SessionManager.OnPlaybackStopped).</summary>
    public void StopPlayback(User user, BaseItem item, long positionTicks) => AsRequest(() =>
    {
        var data = GetUserData(user, item)!;
        UpdatePlayState(item, data, positionTicks);
        SaveUserData(user, item, data, UserDataSaveReason.PlaybackFinished, CancellationToken.None);
        if (Line == JellyfinLine.Jellyfin12 && data.Played)
        {
            Propagate(user, item, true);
        }
    });

    /// <summary>"Mark played" from any client (BaseItem.MarkPlayed; 12's Video.MarkPlayed then marks every version).</summary>
    public void MarkPlayed(User user, BaseItem item, DateTime? datePlayed) => AsRequest(() => MarkPlayedInFlow(user, item, datePlayed));

    /// <summary>"Mark unplayed" from any client.</summary>
    public void MarkUnplayed(User user, BaseItem item) => AsRequest(() =>
    {
        var data = GetUserData(user, item)!;
        Reset(data);
        SaveUserData(user, item, data, UserDataSaveReason.TogglePlayed, CancellationToken.None);
        if (Line == JellyfinLine.Jellyfin12)
        {
            Propagate(user, item, false);
        }
    });

    /// <summary>"Mark played" on a series: the server marks each of its episodes in one request.</summary>
    public void MarkSeriesPlayed(User user, Series series, DateTime? datePlayed) => AsRequest(() =>
    {
        foreach (var episode in _library.EpisodesOf(series).Where(e => !e.IsVirtualItem))
        {
            MarkPlayedInFlow(user, episode, datePlayed);
        }
    });

    private static void AsRequest(Action request)
    {
        // A request runs on its own async flow on the server: values a handler keeps on the flow end with it.
        var context = ExecutionContext.Capture();
        if (context is null)
        {
            request();
            return;
        }

        ExecutionContext.Run(context, _ => request(), null);
    }

    private static void UpdatePlayState(BaseItem item, UserItemData data, long positionTicks)
    {
        var runtime = item.RunTimeTicks ?? 0;
        if (runtime > 0 && positionTicks >= runtime * 0.9)
        {
            data.Played = true;
            data.PlaybackPositionTicks = 0;
        }
        else
        {
            data.PlaybackPositionTicks = positionTicks;
        }
    }

    private static void Reset(UserItemData data)
    {
        data.PlayCount = 0;
        data.PlaybackPositionTicks = 0;
        data.LastPlayedDate = null;
        data.Played = false;
    }

    private static List<string> KeysOf(BaseItem item)
    {
        var keys = new List<string>();
        if (item.ProviderIds.TryGetValue("Imdb", out var imdb) && !string.IsNullOrEmpty(imdb))
        {
            keys.Add(imdb);
        }

        keys.Add(item.Id.ToString());
        return keys;
    }

    private void MarkPlayedInFlow(User user, BaseItem item, DateTime? datePlayed)
    {
        var data = GetUserData(user, item)!;
        if (datePlayed.HasValue)
        {
            data.PlayCount++;
        }

        data.PlayCount = Math.Max(data.PlayCount, 1);
        data.PlaybackPositionTicks = 0;
        data.LastPlayedDate = datePlayed ?? data.LastPlayedDate ?? DateTime.UtcNow;
        data.Played = true;
        SaveUserData(user, item, data, UserDataSaveReason.TogglePlayed, CancellationToken.None);
        if (Line == JellyfinLine.Jellyfin12)
        {
            Propagate(user, item, true);
        }
    }

    /// <summary>12's Video.PropagatePlayedState: every other version saved with TogglePlayed.</summary>
    private void Propagate(User user, BaseItem item, bool played)
    {
        foreach (var version in _library.VersionsOf(item).Where(v => v.Id != item.Id))
        {
            var data = GetUserData(user, version)!;
            if (played)
            {
                data.Played = true;
                data.PlaybackPositionTicks = 0;
            }
            else
            {
                Reset(data);
            }

            SaveUserData(user, version, data, UserDataSaveReason.TogglePlayed, CancellationToken.None);
        }
    }
}
