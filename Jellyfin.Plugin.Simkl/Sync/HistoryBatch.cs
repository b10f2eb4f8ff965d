using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Played items gathered for one <c>POST /sync/history</c>. Each item is described exactly as the scrobbler would
/// (<see cref="SimklRequests.History"/>); episodes of one show are merged under it, season by season, so a show is
/// never sent bare.
/// </summary>
internal sealed class HistoryBatch
{
    private readonly List<HistoryBatchEntry> _entries = [];
    private readonly int _capacity;

    public HistoryBatch(int capacity) => _capacity = Math.Max(1, capacity);

    public IReadOnlyList<HistoryBatchEntry> Entries => _entries;

    /// <summary>Gets the number of movies and episodes in the batch.</summary>
    public int Size { get; private set; }

    public bool IsFull => Size >= _capacity;

    public void Add(HistoryBatchEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries.Add(entry);
        Size += Math.Max(1, entry.Episodes.Count);
    }

    public void Clear()
    {
        _entries.Clear();
        Size = 0;
    }

    public HistoryRequest ToRequest()
    {
        var movies = new List<HistoryMovie>();
        var shows = new Dictionary<(SimklIds Ids, bool Flat), ShowBuilder>();
        foreach (var entry in _entries)
        {
            var single = SimklRequests.History(entry.Media, entry.Episodes, entry.WatchedAt);
            movies.AddRange(single.Movies);
            foreach (var show in single.Shows)
            {
                var flat = show.Episodes is not null;
                if (!shows.TryGetValue((show.Ids, flat), out var builder))
                {
                    builder = new ShowBuilder(show);
                    shows[(show.Ids, flat)] = builder;
                }

                builder.Add(show);
            }
        }

        return new HistoryRequest(movies, shows.Values.Select(b => b.Build()).ToList());
    }

    /// <summary>Finds the entries whose movie or show Simkl reported as not found.</summary>
    public IReadOnlyList<HistoryBatchEntry> NotFound(HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.NotFoundMovies.Count == 0 && result.NotFoundShows.Count == 0)
        {
            return [];
        }

        return _entries
            .Where(e => (e.Media.Kind == SimklMediaKind.Movie ? result.NotFoundMovies : result.NotFoundShows).Any(ids => Matches(ids, e.Media.Media.Ids)))
            .ToList();
    }

    private static bool Matches(SimklIds reported, SimklIds sent)
        => reported.Equals(sent) || reported.Any(pair => string.Equals(sent[pair.Key], pair.Value, StringComparison.Ordinal));

    private sealed class ShowBuilder
    {
        private readonly HistoryShow _first;
        private readonly SortedDictionary<int, List<HistoryEpisode>> _seasons = [];
        private readonly List<HistoryEpisode> _flat = [];

        public ShowBuilder(HistoryShow first) => _first = first;

        public void Add(HistoryShow show)
        {
            _flat.AddRange(show.Episodes ?? []);
            foreach (var season in show.Seasons ?? [])
            {
                if (!_seasons.TryGetValue(season.Number, out var episodes))
                {
                    episodes = [];
                    _seasons[season.Number] = episodes;
                }

                episodes.AddRange(season.Episodes);
            }
        }

        public HistoryShow Build() => _first.Episodes is not null
            ? _first with { Episodes = _flat }
            : _first with { Seasons = _seasons.Select(s => new HistorySeason(s.Key, s.Value)).ToList() };
    }
}
