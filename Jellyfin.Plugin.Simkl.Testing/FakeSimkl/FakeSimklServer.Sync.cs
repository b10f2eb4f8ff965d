using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// History sync on the fake Simkl: <c>/sync/activities</c> (GET as the newer documents say, POST as the API Blueprint
/// says), <c>/sync/all-items/{type}</c> with <c>date_from</c>, <c>extended=full</c> and <c>episode_watched_at=yes</c>,
/// and <c>/sync/history/remove</c>. Every change to a user's history is stamped with the time Simkl handled it, so the
/// activity timestamps move exactly when the history does. Reading all-items without an activities call that showed
/// a change since the last read of that kind (or a second full read without <c>date_from</c>) is recorded as a
/// violation: Simkl suspends client ids that poll it.
/// </summary>
public sealed partial class FakeSimklServer
{
    private static readonly string[] SyncTypes = ["movies", "shows", "anime"];
    private readonly List<DateTimeOffset> _recordedAt = [];
    private readonly Dictionary<(string User, string Type), DateTimeOffset> _removedAt = [];
    private readonly Dictionary<(string User, string Type), SyncReadState> _reads = [];
    private readonly List<string> _syncViolations = [];
    private Dictionary<long, FakeSimklItem> _byId = [];
    private Dictionary<string, FakeSimklItem>? _imdbIndex;
    private int _imdbIndexed;

    /// <summary>Gets or sets which methods <c>/sync/activities</c> accepts (the documents disagree); others get 405.</summary>
    public string ActivitiesMethods { get; set; } = "GET,POST";

    /// <summary>Gets the all-items calls that broke Simkl's sync rules (the benchmark and tests expect none).</summary>
    public IReadOnlyList<string> SyncViolations
    {
        get
        {
            lock (_sync)
            {
                return _syncViolations.ToList();
            }
        }
    }

    /// <summary>Finds a catalog item by its IMDb id (null when Simkl does not know it).</summary>
    public FakeSimklItem? FindByImdb(string imdb)
    {
        lock (_sync)
        {
            _imdbIndex ??= [];
            if (_imdbIndex.Count == 0 || _imdbIndexed != _catalog.Count)
            {
                _imdbIndex = _catalog.Where(c => c.Ids.ContainsKey("imdb")).GroupBy(c => c.Ids["imdb"]).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                _imdbIndexed = _catalog.Count;
            }

            return _imdbIndex.GetValueOrDefault(imdb);
        }
    }

    /// <summary>Adds a watch to a user's Simkl history as if they marked it on Simkl itself or another app.</summary>
    public void WatchOnSimkl(FakeSimklUser user, FakeSimklItem item, int? season, int? episode, DateTimeOffset watchedAt)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            StampHistory(_time.GetUtcNow());
            _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, season, episode, watchedAt, "simkl", user.AccountId));
            StampHistory(_time.GetUtcNow());
        }
    }

    /// <summary>Stamps history entries added since the last call with the time Simkl handled the request that added them.</summary>
    private void StampHistory(DateTimeOffset handledAt)
    {
        lock (_sync)
        {
            while (_recordedAt.Count < _history.Count)
            {
                _recordedAt.Add(handledAt);
            }
        }
    }

    /// <summary>Answers the history-sync routes; null for any other route.</summary>
    private (int Status, string Json, TimeSpan? RetryAfter)? AnswerSync(FakeSimklUser user, FakeSimklRequest request, DateTimeOffset now)
    {
        if (request.Path == "/sync/activities")
        {
            return ActivitiesMethods.Split(',').Contains(request.Method, StringComparer.Ordinal)
                ? (200, Activities(user), null)
                : (405, Error("method_not_allowed", 405, "Use another method for this endpoint"), null);
        }

        if (request.Method == "GET" && request.Path.StartsWith("/sync/all-items/", StringComparison.Ordinal))
        {
            var parts = request.Path["/sync/all-items/".Length..].Split('/');
            return SyncTypes.Contains(parts[0], StringComparer.Ordinal)
                ? (200, AllItems(user, parts[0], request.Query), null)
                : (404, Error("not_found", 404, "Unknown type"), null);
        }

        if (request.Method == "POST" && request.Path == "/sync/history/remove")
        {
            if (IsLocked(user, request.Path, now))
            {
                return (400, Error("RATE_LIMIT", 400, "20 second lock"), null);
            }

            // The API Blueprint documents an empty answer.
            return RemoveHistory(user, request.Body, now) ? (200, string.Empty, null) : (400, Error("bad_json", 400, "The body is not JSON"), null);
        }

        return null;
    }

    private static string Stamp(DateTimeOffset? time)
        => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "null";

    private static string TypeOf(FakeSimklItem item) => item.Kind switch
    {
        "movie" => "movies",
        "show" => "shows",
        _ => "anime",
    };

    private FakeSimklItem? ById(long simklId)
    {
        if (_byId.Count != _catalog.Count)
        {
            _byId = _catalog.ToDictionary(c => c.SimklId);
        }

        return _byId.GetValueOrDefault(simklId);
    }

    private DateTimeOffset? LastChange(string user, string type)
    {
        DateTimeOffset? latest = _removedAt.TryGetValue((user, type), out var removed) ? removed : null;
        for (var i = 0; i < _history.Count; i++)
        {
            var entry = _history[i];
            if (entry.UserName == user && ById(entry.SimklId) is { } item && TypeOf(item) == type && (latest is null || _recordedAt[i] > latest))
            {
                latest = _recordedAt[i];
            }
        }

        return latest;
    }

    private string Activities(FakeSimklUser user)
    {
        var result = new JsonObject();
        DateTimeOffset? all = null;
        foreach (var type in SyncTypes)
        {
            var last = LastChange(user.Name, type);
            all = last > all || all is null ? last : all;
            var read = Read(user.Name, type);
            read.LastShown = Stamp(last);
            read.ShownSinceRead = true;
            var stamp = last is null ? null : JsonValue.Create(Stamp(last));
            result[type == "shows" ? "tv_shows" : type] = new JsonObject
            {
                ["all"] = stamp,
                ["completed"] = stamp?.DeepClone(),
                ["removed_from_list"] = _removedAt.TryGetValue((user.Name, type), out var removed) ? Stamp(removed) : null,
            };
        }

        result["all"] = all is null ? null : Stamp(all);
        result["settings"] = new JsonObject { ["all"] = "2020-01-01T00:00:00Z" };
        return result.ToJsonString();
    }

    private SyncReadState Read(string user, string type)
    {
        if (!_reads.TryGetValue((user, type), out var read))
        {
            read = new SyncReadState();
            _reads[(user, type)] = read;
        }

        return read;
    }

    private string AllItems(FakeSimklUser user, string type, IReadOnlyDictionary<string, string> query)
    {
        var read = Read(user.Name, type);
        query.TryGetValue("date_from", out var dateFrom);
        if (!read.ShownSinceRead || (read.HasRead && read.LastShown == read.ShownAtLastRead))
        {
            _syncViolations.Add($"{user.Name}: all-items/{type} without an activities call showing a change since the last read");
        }
        else if (read.HasRead && string.IsNullOrEmpty(dateFrom))
        {
            _syncViolations.Add($"{user.Name}: all-items/{type} read in full again instead of with date_from");
        }

        read.HasRead = true;
        read.ShownAtLastRead = read.LastShown;
        read.ShownSinceRead = false;

        DateTimeOffset? from = DateTimeOffset.TryParse(dateFrom, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        var full = query.TryGetValue("extended", out var extended) && extended.StartsWith("full", StringComparison.Ordinal);
        var withDates = query.TryGetValue("episode_watched_at", out var dates) && dates == "yes";
        var groups = new Dictionary<long, List<int>>();
        for (var i = 0; i < _history.Count; i++)
        {
            var entry = _history[i];
            if (entry.AccountId == user.AccountId && ById(entry.SimklId) is { } item && TypeOf(item) == type)
            {
                if (!groups.TryGetValue(entry.SimklId, out var list))
                {
                    list = [];
                    groups[entry.SimklId] = list;
                }

                list.Add(i);
            }
        }

        var entries = new JsonArray();
        foreach (var (simklId, indexes) in groups)
        {
            // date_from returns the items changed after it, each with its whole watched list.
            if (from is { } since && !indexes.Any(i => _recordedAt[i] > since))
            {
                continue;
            }

            var item = ById(simklId)!;
            var media = new JsonObject { ["title"] = item.Title, ["year"] = item.Year, ["ids"] = Ids(item) };
            var lastWatched = indexes.Max(i => _history[i].WatchedAt);
            var entry = new JsonObject
            {
                ["added_to_watchlist_at"] = Stamp(indexes.Min(i => _recordedAt[i])),
                ["last_watched_at"] = Stamp(lastWatched),
                ["status"] = type == "movies" ? "completed" : "watching",
            };
            entry[type == "movies" ? "movie" : "show"] = media;
            if (type != "movies" && full)
            {
                var seasons = new JsonArray();
                foreach (var season in indexes.Where(i => _history[i].Episode is not null).GroupBy(i => _history[i].Season ?? 1).OrderBy(g => g.Key))
                {
                    var episodes = new JsonArray();
                    foreach (var latest in season.GroupBy(i => _history[i].Episode!.Value).OrderBy(g => g.Key).Select(g => g.MaxBy(i => _history[i].WatchedAt)))
                    {
                        var episode = new JsonObject { ["number"] = _history[latest].Episode };
                        if (withDates)
                        {
                            episode["watched_at"] = Stamp(_history[latest].WatchedAt);
                        }

                        episodes.Add(episode);
                    }

                    seasons.Add(new JsonObject { ["number"] = season.Key, ["episodes"] = episodes });
                }

                entry["seasons"] = seasons;
            }

            entries.Add(entry);
        }

        // Simkl answers null when there is nothing to list.
        return entries.Count == 0 ? "null" : new JsonObject { [type] = entries }.ToJsonString();
    }

    private bool RemoveHistory(FakeSimklUser user, string body, DateTimeOffset now)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return false;
        }

        StampHistory(now);
        var doomed = new HashSet<int>();
        foreach (var movie in json?["movies"]?.AsArray() ?? [])
        {
            if (Find(movie) is { } item)
            {
                doomed.UnionWith(Enumerable.Range(0, _history.Count).Where(i => _history[i].AccountId == user.AccountId && _history[i].SimklId == item.SimklId));
                _removedAt[(user.Name, TypeOf(item))] = now;
            }
        }

        foreach (var show in json?["shows"]?.AsArray() ?? [])
        {
            if (Find(show) is not { } item)
            {
                continue;
            }

            var episodes = (show?["seasons"]?.AsArray() ?? [])
                .SelectMany(s => (s?["episodes"]?.AsArray() ?? []).Select(e => ((int?)s!["number"]!.GetValue<int>(), e!["number"]!.GetValue<int>())))
                .Concat((show?["episodes"]?.AsArray() ?? []).Select(e => ((int?)null, e!["number"]!.GetValue<int>())))
                .ToList();
            doomed.UnionWith(Enumerable.Range(0, _history.Count).Where(i =>
                _history[i].AccountId == user.AccountId && _history[i].SimklId == item.SimklId
                && episodes.Any(e => e.Item2 == _history[i].Episode && (e.Item1 ?? 1) == (_history[i].Season ?? 1))));
            _removedAt[(user.Name, TypeOf(item))] = now;
        }

        foreach (var index in doomed.OrderDescending())
        {
            _history.RemoveAt(index);
            _recordedAt.RemoveAt(index);
        }

        return true;
    }

    private sealed class SyncReadState
    {
        public string? LastShown { get; set; }

        public bool ShownSinceRead { get; set; }

        public bool HasRead { get; set; }

        public string? ShownAtLastRead { get; set; }
    }
}
