using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Sync;

namespace Jellyfin.Plugin.Simkl.Testing.Sync;

/// <summary>
/// An in-memory Jellyfin library with per-user played state, standing in for the Jellyfin layer's
/// <see cref="IWatchHistoryLibrary"/>. Played items stream in item-id order, a page at a time, as Jellyfin's would.
/// When <see cref="EchoTo"/> is set, every save is offered back as if the Jellyfin layer failed to recognise our own
/// import (to prove the core's guard).
/// </summary>
internal sealed class FakeWatchHistoryLibrary : IWatchHistoryLibrary
{
    private readonly object _sync = new();
    private readonly SortedDictionary<Guid, TrackedItem> _items = [];
    private readonly Dictionary<string, List<Guid>> _moviesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Guid>> _episodesBySeriesId = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid User, Guid Item), DateTimeOffset?> _played = [];
    private readonly List<(Guid User, Guid Item, bool Played, DateTimeOffset? LastPlayed)> _saves = [];
    private readonly TimeProvider _time;

    public FakeWatchHistoryLibrary(TimeProvider time) => _time = time;

    public Guid MoviesLibrary { get; } = Guid.NewGuid();

    public Guid ShowsLibrary { get; } = Guid.NewGuid();

    public Guid AnimeLibrary { get; } = Guid.NewGuid();

    /// <summary>Gets or sets where saves are echoed (a Jellyfin layer that does not suppress our own import).</summary>
    public IPlayedStateChangeSink? EchoTo { get; set; }

    /// <summary>Gets or sets a failure thrown by the next read of played items (a library error mid-run).</summary>
    public Exception? FailNextRead { get; set; }

    /// <summary>Gets how many played items were read so far (a run that resumes reads again; it must not send again).</summary>
    public int ItemsStreamed { get; private set; }

    public IReadOnlyList<(Guid User, Guid Item, bool Played, DateTimeOffset? LastPlayed)> Saves
    {
        get
        {
            lock (_sync)
            {
                return _saves.ToList();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    public TrackedItem AddMovie(string title, int year, params (string Key, string Value)[] ids)
    {
        var item = new TrackedItem(Guid.NewGuid(), $"{title} ({year})", TrackedMediaKind.Movie, TimeSpan.FromMinutes(110), $"/media/movies/{title}.mkv", [MoviesLibrary], title, year, SimklIds.Of(ids.Select(i => (i.Key, (string?)i.Value)).ToArray()));
        Add(item, _moviesById);
        return item;
    }

    public TrackedItem AddEpisode(string series, int year, int season, int episode, (string Key, string Value)[] seriesIds, bool anime = false, int? lastEpisode = null)
    {
        var item = new TrackedItem(
            Guid.NewGuid(),
            $"{series} S{season:00}E{episode:00}",
            TrackedMediaKind.Episode,
            TimeSpan.FromMinutes(anime ? 24 : 45),
            $"/media/shows/{series}/S{season:00}E{episode:00}.mkv",
            [anime ? AnimeLibrary : ShowsLibrary],
            series,
            year,
            SimklIds.Of(seriesIds.Select(i => (i.Key, (string?)i.Value)).ToArray()),
            season,
            episode,
            lastEpisode);
        Add(item, _episodesBySeriesId);
        return item;
    }

    /// <summary>The user marks an item played (or it was played before the plugin came).</summary>
    public void MarkPlayed(Guid userId, TrackedItem item, DateTimeOffset? lastPlayed)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            _played[(userId, item.ItemId)] = lastPlayed;
        }
    }

    public void MarkUnplayed(Guid userId, TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            _played.Remove((userId, item.ItemId));
        }
    }

    public DateTimeOffset? LastPlayed(Guid userId, TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            return _played.GetValueOrDefault((userId, item.ItemId));
        }
    }

    public Task<int> CountPlayedItemsAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(_played.Keys.Count(k => k.User == userId));
        }
    }

    public async IAsyncEnumerable<PlayedItem> GetPlayedItemsAsync(Guid userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (FailNextRead is { } failure)
        {
            FailNextRead = null;
            throw failure;
        }

        const int PageSize = 500;
        Guid? after = null;
        while (true)
        {
            List<PlayedItem> page;
            lock (_sync)
            {
                page = _items
                    .Where(i => after is null || i.Key.CompareTo(after.Value) > 0)
                    .Where(i => _played.ContainsKey((userId, i.Key)))
                    .Take(PageSize)
                    .Select(i => new PlayedItem(i.Value, _played[(userId, i.Key)]))
                    .ToList();
            }

            foreach (var played in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ItemsStreamed++;
                yield return played;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Item.ItemId;
            await Task.Yield();
        }
    }

    public Task<IReadOnlyList<TrackedItem>> FindMoviesAsync(Guid userId, SimklIds ids, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<TrackedItem>>(Find(_moviesById, ids));

    public Task<IReadOnlyList<TrackedItem>> FindEpisodesAsync(Guid userId, SimklIds showIds, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<TrackedItem>>(Find(_episodesBySeriesId, showIds));

    public bool IsPlayed(Guid userId, Guid itemId)
    {
        lock (_sync)
        {
            return _played.ContainsKey((userId, itemId));
        }
    }

    public Task SetPlayedAsync(Guid userId, Guid itemId, bool played, DateTimeOffset? lastPlayed, CancellationToken cancellationToken)
    {
        TrackedItem item;
        lock (_sync)
        {
            item = _items[itemId];
            if (played)
            {
                _played[(userId, itemId)] = lastPlayed;
            }
            else
            {
                _played.Remove((userId, itemId));
            }

            _saves.Add((userId, itemId, played, lastPlayed));
        }

        EchoTo?.Offer(new PlayedStateChange(userId, item, played, lastPlayed, _time.GetUtcNow()));
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Keys(SimklIds ids) => ids.Where(p => p.Key != "slug").Select(p => p.Key + ":" + p.Value);

    private void Add(TrackedItem item, Dictionary<string, List<Guid>> index)
    {
        lock (_sync)
        {
            _items[item.ItemId] = item;
            foreach (var key in Keys(item.Ids))
            {
                if (!index.TryGetValue(key, out var list))
                {
                    list = [];
                    index[key] = list;
                }

                list.Add(item.ItemId);
            }
        }
    }

    private List<TrackedItem> Find(Dictionary<string, List<Guid>> index, SimklIds ids)
    {
        lock (_sync)
        {
            return Keys(ids).SelectMany(k => index.GetValueOrDefault(k) ?? []).Distinct().Select(id => _items[id]).ToList();
        }
    }
}
