using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// A stateful Simkl on 127.0.0.1, modelled on docs/SIMKL_API.md: app registry, PIN flow, tokens, scrobble sessions
/// with the 80 % rule, the 20 s per-user lock, history, searches, fault injection and a request log. It reads the
/// test's clock, so waits and locks run on simulated time.
/// </summary>
public sealed class FakeSimklServer : IAsyncDisposable
{
    public const string ClientId = "fake-client-id";
    public static readonly TimeSpan UserLock = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(1);

    private readonly object _sync = new();
    private readonly List<FakeSimklRequest> _requests = [];
    private readonly List<FakeSimklItem> _catalog = [];
    private readonly List<FakeSimklUser> _users = [];
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSimklPin> _pins = new(StringComparer.Ordinal);
    private readonly List<FakeSimklHistoryEntry> _history = [];
    private readonly Dictionary<string, (string State, double Progress)> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastWrite = new(StringComparer.Ordinal);
    private readonly List<FakeSimklFault> _faults = [];
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _nextPin;
    private long _nextSession = 1000;
    private int _lockViolations;
    private int _stalled;

    public FakeSimklServer(TimeProvider time) => _time = time;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets or sets a value indicating whether Simkl is down: every request gets 503.</summary>
    public bool Down { get; set; }

    /// <summary>Gets how many requests the fake is deliberately holding (slow-response faults) on simulated time.</summary>
    public int Stalled => Volatile.Read(ref _stalled);

    public TimeSpan PinExpiresIn { get; set; } = TimeSpan.FromSeconds(900);

    public TimeSpan PinInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<FakeSimklRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return _requests.ToList();
            }
        }
    }

    public IReadOnlyList<FakeSimklHistoryEntry> History
    {
        get
        {
            lock (_sync)
            {
                return _history.ToList();
            }
        }
    }

    /// <summary>Gets how many writes hit the per-user lock (400 RATE_LIMIT).</summary>
    public int LockViolations
    {
        get
        {
            lock (_sync)
            {
                return _lockViolations;
            }
        }
    }

    public static async Task<FakeSimklServer> StartAsync(TimeProvider time)
    {
        var server = new FakeSimklServer(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        server._app = app;
        return server;
    }

    public FakeSimklItem AddMovie(string title, int year, params (string Key, string Value)[] ids) => Add("movie", title, year, ids);

    public FakeSimklItem AddShow(string title, int year, params (string Key, string Value)[] ids) => Add("show", title, year, ids);

    public FakeSimklItem AddAnime(string title, int year, params (string Key, string Value)[] ids) => Add("anime", title, year, ids);

    public FakeSimklItem AddFile(FakeSimklItem item, string path)
    {
        lock (_sync)
        {
            var updated = item with { FilePaths = [.. item.FilePaths ?? [], path] };
            _catalog[_catalog.IndexOf(item)] = updated;
            return updated;
        }
    }

    /// <summary>The Simkl id of the catalog item with this external id.</summary>
    public long CatalogIdOf(string key, string value)
    {
        lock (_sync)
        {
            return _catalog.First(c => c.Ids.TryGetValue(key, out var id) && id == value).SimklId;
        }
    }

    public FakeSimklUser AddUser(string name)
    {
        lock (_sync)
        {
            var user = new FakeSimklUser(500 + _users.Count, name, "tok-" + name + "-" + Guid.NewGuid().ToString("N"));
            _users.Add(user);
            return user;
        }
    }

    public void Revoke(FakeSimklUser user)
    {
        lock (_sync)
        {
            _revoked.Add(user.Token);
        }
    }

    public void Approve(string userCode, FakeSimklUser user)
    {
        lock (_sync)
        {
            _pins[userCode].ApprovedBy = user;
        }
    }

    public IReadOnlyList<string> IssuedPinCodes()
    {
        lock (_sync)
        {
            return _pins.Keys.ToList();
        }
    }

    public void Inject(FakeSimklFault fault)
    {
        lock (_sync)
        {
            _faults.Add(fault);
        }
    }

    public IReadOnlyList<FakeSimklHistoryEntry> HistoryOf(FakeSimklUser user) => History.Where(h => h.UserName == user.Name).ToList();

    /// <summary>Counts watches recorded more than once (same user, item, season and episode): the "never twice" figure.</summary>
    public int CountRecordedTwice()
        => History.GroupBy(h => (h.UserName, h.SimklId, h.Season, h.Episode)).Sum(g => g.Count() - 1);

    /// <summary>The most requests that arrived in any one-second window (Simkl flags 3 or more from one IP).</summary>
    public int MaxRequestsInAnySecond()
    {
        var times = Requests.Select(r => r.Time).Order().ToList();
        var max = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    /// <summary>
    /// The smallest gap between two writes Simkl handled for the same account (its 20 s lock counts those; a request
    /// lost to an injected fault or an outage never reached it).
    /// </summary>
    public TimeSpan? SmallestWriteGap()
    {
        TimeSpan? smallest = null;
        foreach (var group in Requests.Where(r => r.IsWrite && r.Handled && r.UserName is not null).GroupBy(r => r.UserName))
        {
            var times = group.Select(r => r.Time).Order().ToList();
            for (var i = 1; i < times.Count; i++)
            {
                var gap = times[i] - times[i - 1];
                smallest = smallest is null || gap < smallest ? gap : smallest;
            }
        }

        return smallest;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private FakeSimklItem Add(string kind, string title, int year, (string Key, string Value)[] ids)
    {
        lock (_sync)
        {
            var all = ids.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
            all.TryAdd("simkl", (10000 + _catalog.Count).ToString(CultureInfo.InvariantCulture));
            var item = new FakeSimklItem(kind, title, year, all);
            _catalog.Add(item);
            return item;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        (_time as SenderClock)?.Enter(context.Request.Headers[SenderClock.HeaderName]);
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync().ConfigureAwait(false);
        var token = context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        FakeSimklRequest entry;
        FakeSimklFault? fault;
        lock (_sync)
        {
            entry = new FakeSimklRequest(
                _time.GetUtcNow(),
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                _users.FirstOrDefault(u => u.Token == token)?.Name);
            _requests.Add(entry);
            fault = _faults.FirstOrDefault(f => f.Remaining > 0 && entry.Path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }

        var (status, json, retryAfter) = Down
            ? (503, """{"error":"maintenance"}""", null)
            : fault is null ? Answer(entry, token) : (0, string.Empty, (TimeSpan?)null);
        if (fault is not null && !Down)
        {
            await ApplyFaultAsync(context, entry, fault).ConfigureAwait(false);
            return;
        }

        entry.Status = status;
        entry.Handled = !Down;
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }

    private async Task ApplyFaultAsync(HttpContext context, FakeSimklRequest entry, FakeSimklFault fault)
    {
        switch (fault.Kind)
        {
            case FakeSimklFaultKind.Status:
                entry.Status = fault.StatusCode;
                context.Response.StatusCode = fault.StatusCode;
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(new JsonObject { ["error"] = fault.Error }.ToJsonString()).ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.Slow:
                entry.Status = 200;
                Interlocked.Increment(ref _stalled);
                try
                {
                    await Task.Delay(fault.Delay ?? TimeSpan.FromMinutes(5), _time, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref _stalled);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{}").ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.DropConnection:
                entry.Status = -1;
                context.Abort();
                break;
            case FakeSimklFaultKind.HtmlPage:
                entry.Status = 200;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>Cloudflare: origin unreachable</h1></body></html>").ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.TruncatedJson:
                entry.Status = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"id": 12, "action": "sta""").ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.MalformedJson:
                entry.Status = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{not json at all").ConfigureAwait(false);
                break;
        }
    }

    private (int Status, string Json, TimeSpan? RetryAfter) Answer(FakeSimklRequest request, string? token)
    {
        if (!request.Query.TryGetValue("client_id", out var clientId) || clientId != ClientId)
        {
            return (412, """{"error":"client_id_failed"}""", null);
        }

        if (!request.Query.ContainsKey("app-name") || !request.Query.ContainsKey("app-version"))
        {
            return (400, """{"error":"app_name_version_required","message":"app-name and app-version are required"}""", null);
        }

        if (request.Path.EndsWith('/'))
        {
            // Simkl answers an empty body when a slash precedes the query string.
            return (200, string.Empty, null);
        }

        lock (_sync)
        {
            var now = _time.GetUtcNow();
            if (request.Method == "GET" && request.Path == "/oauth/pin")
            {
                return (200, NewPin(now), null);
            }

            if (request.Method == "GET" && request.Path.StartsWith("/oauth/pin/", StringComparison.Ordinal))
            {
                return PollPin(request.Path["/oauth/pin/".Length..], now);
            }

            if (request.Method == "POST" && request.Path == "/search/file")
            {
                return (200, SearchFile(request.Body), null);
            }

            if (request.Method == "GET" && request.Path == "/search/id")
            {
                return (200, SearchId(request.Query), null);
            }

            var user = _users.FirstOrDefault(u => u.Token == token);
            if (user is null || _revoked.Contains(user.Token))
            {
                return (401, """{"error":"user_token_failed"}""", null);
            }

            if (request.Method == "POST" && request.Path == "/users/settings")
            {
                return (200, new JsonObject { ["user"] = new JsonObject { ["name"] = user.Name }, ["account"] = new JsonObject { ["id"] = user.AccountId } }.ToJsonString(), null);
            }

            if (request.IsWrite)
            {
                if (_lastWrite.TryGetValue(user.Name, out var last) && now - last < UserLock)
                {
                    _lastWrite[user.Name] = now;
                    _lockViolations++;
                    return (400, """{"error":"RATE_LIMIT","message":"20 second lock"}""", null);
                }

                _lastWrite[user.Name] = now;
                return request.Path == "/sync/history" ? (201, AddHistory(user, request.Body, now), null) : Scrobble(user, request.Path["/scrobble/".Length..], request.Body, now);
            }

            return (404, """{"error":"not_found"}""", null);
        }
    }

    private string NewPin(DateTimeOffset now)
    {
        var code = "P" + (++_nextPin).ToString("D4", CultureInfo.InvariantCulture);
        _pins[code] = new FakeSimklPin { Code = code, ExpiresAt = now + PinExpiresIn };
        return new JsonObject
        {
            ["result"] = "OK",
            ["device_code"] = "DEVICE_CODE",
            ["user_code"] = code,
            ["verification_url"] = "https://simkl.com/pin/",
            ["expires_in"] = (int)PinExpiresIn.TotalSeconds,
            ["interval"] = (int)PinInterval.TotalSeconds,
        }.ToJsonString();
    }

    private (int Status, string Json, TimeSpan? RetryAfter) PollPin(string code, DateTimeOffset now)
    {
        if (!_pins.TryGetValue(code, out var pin) || now >= pin.ExpiresAt)
        {
            // As the live API does: an unknown or expired code gets a fresh init answer.
            var fresh = JsonNode.Parse(NewPin(now))!.AsObject();
            fresh.Remove("result");
            return (200, fresh.ToJsonString(), null);
        }

        var tooFast = pin.LastPoll is { } last && now - last < PinInterval;
        pin.LastPoll = now;
        if (tooFast)
        {
            return (200, """{"result":"KO","message":"Slow down"}""", null);
        }

        return pin.ApprovedBy is { } user
            ? (200, new JsonObject { ["result"] = "OK", ["access_token"] = user.Token }.ToJsonString(), null)
            : (200, """{"result":"KO","message":"Authorization pending"}""", null);
    }

    private FakeSimklItem? Find(JsonNode? media)
    {
        if (media?["ids"] is not JsonObject ids)
        {
            return null;
        }

        foreach (var (key, value) in ids)
        {
            var text = value?.ToString();
            var match = _catalog.FirstOrDefault(c => c.Ids.TryGetValue(key, out var id) && id == text);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private (int Status, string Json, TimeSpan? RetryAfter) Scrobble(FakeSimklUser user, string action, string body, DateTimeOffset now)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return (400, """{"error":"bad_json"}""", null);
        }

        var media = json?["movie"] ?? json?["show"] ?? json?["anime"];
        if (media is null || json?["progress"] is null)
        {
            return (400, """{"error":"empty_field"}""", null);
        }

        var item = Find(media);
        if (item is null)
        {
            return (404, """{"error":"id_err"}""", null);
        }

        int? season = json?["episode"]?["season"]?.GetValue<int>();
        int? number = json?["episode"]?["number"]?.GetValue<int>();
        if (item.Kind != "movie" && number is null)
        {
            return (400, """{"error":"empty_field","message":"episode required"}""", null);
        }

        var progress = json!["progress"]!.GetValue<double>();
        var key = $"{user.Name}|{item.SimklId}|{season}|{number}";
        var answer = action;
        switch (action)
        {
            case "start":
                _sessions[key] = ("watching", progress);
                break;
            case "pause":
                _sessions[key] = ("paused", progress);
                break;
            case "stop" when progress >= 80:
                if (_history.Any(h => h.UserName == user.Name && h.SimklId == item.SimklId && h.Season == season && h.Episode == number && now - h.WatchedAt < RepeatWindow))
                {
                    return (409, """{"error":"already_scrobbled"}""", null);
                }

                _sessions.Remove(key);
                _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, season, number, now, "scrobble"));
                answer = "scrobble";
                break;
            case "stop":
                _sessions[key] = ("paused", progress);
                answer = "pause";
                break;
            default:
                return (404, """{"error":"not_found"}""", null);
        }

        return (200, new JsonObject { ["id"] = ++_nextSession, ["action"] = answer, ["progress"] = progress }.ToJsonString(), null);
    }

    private string AddHistory(FakeSimklUser user, string body, DateTimeOffset now)
    {
        var json = JsonNode.Parse(body)!;
        int movies = 0, shows = 0, episodes = 0;
        var notFoundMovies = new JsonArray();
        var notFoundShows = new JsonArray();
        foreach (var movie in json["movies"]?.AsArray() ?? [])
        {
            var item = Find(movie);
            if (item is null)
            {
                notFoundMovies.Add(new JsonObject { ["ids"] = movie?["ids"]?.DeepClone() });
                continue;
            }

            movies++;
            _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, null, null, WatchedAt(movie, now), "history"));
        }

        foreach (var show in json["shows"]?.AsArray() ?? [])
        {
            var item = Find(show);
            if (item is null)
            {
                notFoundShows.Add(new JsonObject { ["ids"] = show?["ids"]?.DeepClone() });
                continue;
            }

            shows++;
            foreach (var season in show?["seasons"]?.AsArray() ?? [])
            {
                foreach (var episode in season?["episodes"]?.AsArray() ?? [])
                {
                    episodes++;
                    _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, season!["number"]!.GetValue<int>(), episode!["number"]!.GetValue<int>(), WatchedAt(episode, now), "history"));
                }
            }

            foreach (var episode in show?["episodes"]?.AsArray() ?? [])
            {
                episodes++;
                _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, null, episode!["number"]!.GetValue<int>(), WatchedAt(episode, now), "history"));
            }
        }

        return new JsonObject
        {
            ["added"] = new JsonObject { ["movies"] = movies, ["shows"] = shows, ["episodes"] = episodes },
            ["not_found"] = new JsonObject { ["movies"] = notFoundMovies, ["shows"] = notFoundShows, ["episodes"] = new JsonArray() },
        }.ToJsonString();
    }

    private static DateTimeOffset WatchedAt(JsonNode? node, DateTimeOffset now)
        => node?["watched_at"]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : now;

    private string SearchFile(string body)
    {
        var file = JsonNode.Parse(body)?["file"]?.GetValue<string>() ?? string.Empty;
        foreach (var item in _catalog)
        {
            var path = item.FilePaths?.FirstOrDefault(p => file.EndsWith(p, StringComparison.OrdinalIgnoreCase));
            if (path is null)
            {
                continue;
            }

            var media = new JsonObject { ["title"] = item.Title, ["year"] = item.Year, ["ids"] = Ids(item) };
            if (item.Kind == "movie")
            {
                return new JsonObject { ["type"] = "movie", ["movie"] = media }.ToJsonString();
            }

            // The fake reads "SxxEyy" from the file name to answer like Simkl: the number is under episode.episode.
            var match = System.Text.RegularExpressions.Regex.Match(file, @"S(\d+)E(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var season = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            var number = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
            return new JsonObject
            {
                ["type"] = "episode",
                ["show"] = media,
                ["episode"] = new JsonObject { ["title"] = "Episode", ["season"] = season, ["episode"] = number, ["multipart"] = false, ["ids"] = new JsonObject { ["simkl"] = (item.SimklId * 100) + number } },
            }.ToJsonString();
        }

        return "{}";
    }

    private string SearchId(IReadOnlyDictionary<string, string> query)
    {
        var hits = new JsonArray();
        foreach (var item in _catalog)
        {
            if (query.Any(q => q.Key is not ("client_id" or "app-name" or "app-version" or "type") && item.Ids.TryGetValue(q.Key, out var id) && id == q.Value))
            {
                hits.Add(new JsonObject { ["type"] = item.Kind == "show" ? "tv" : item.Kind, ["title"] = item.Title, ["year"] = item.Year, ["ids"] = Ids(item) });
            }
        }

        return hits.ToJsonString();
    }

    private static JsonObject Ids(FakeSimklItem item)
    {
        var ids = new JsonObject();
        foreach (var (key, value) in item.Ids)
        {
            ids[key] = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && key != "imdb" ? number : value;
        }

        return ids;
    }
}
