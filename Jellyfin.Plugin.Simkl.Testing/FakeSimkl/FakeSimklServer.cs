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
/// A stateful Simkl on 127.0.0.1, modelled on docs/SIMKL_API.md: app registry, PIN flow, accounts with one or more
/// tokens, scrobble sessions with the 80 % rule, the 20 s per-account lock, history, searches, fault injection and a
/// request log. It reads the test's clock, so waits and locks run on simulated time. It is never kinder than Simkl's
/// documents: every error is the documented envelope <c>{"error", "code", "message"}</c>, a POST without a JSON
/// <c>Content-Type</c> or any request without a <c>User-Agent</c> is refused.
/// </summary>
/// <remarks>Other topics add routes in partial files (<c>FakeSimklServer.Topic.cs</c>) with a one-line hook in <see cref="Answer"/>.</remarks>
public sealed partial class FakeSimklServer : IAsyncDisposable
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
    private readonly Dictionary<long, DateTimeOffset> _lastWrite = [];
    private readonly Dictionary<string, long> _showOnlyFiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeSimklFault> _faults = [];
    private readonly List<FakeSimklLockRefusal> _lockRefusals = [];
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _nextPin;
    private long _nextSession = 1000;
    private int _bareShowMarks;
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
    public int LockViolations => LockRefusals.Count;

    /// <summary>Gets the writes that hit the per-user lock, oldest first.</summary>
    public IReadOnlyList<FakeSimklLockRefusal> LockRefusals
    {
        get
        {
            lock (_sync)
            {
                return _lockRefusals.ToList();
            }
        }
    }

    /// <summary>
    /// Gets how many times a history write marked a whole show or a whole season (no episodes named): each one marks
    /// every aired episode of it, the damage a scrobbler must never do.
    /// </summary>
    public int BareShowMarks
    {
        get
        {
            lock (_sync)
            {
                return _bareShowMarks;
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
            var current = Current(item);
            return Replace(current, current with { FilePaths = [.. current.FilePaths ?? [], path] });
        }
    }

    /// <summary>
    /// Makes <c>/search/file</c> recognise a file as the show alone (<c>type: "show"</c>, no episode), as Simkl may
    /// (appendix A.5), for example when the file name carries no episode number.
    /// </summary>
    public FakeSimklItem AddShowOnlyFile(FakeSimklItem item, string path)
    {
        lock (_sync)
        {
            _showOnlyFiles[path] = item.SimklId;
            return Current(item);
        }
    }

    /// <summary>Tells the fake which episodes of a show have aired: <paramref name="seasons"/> gives each season's episode count.</summary>
    public FakeSimklItem SetEpisodes(FakeSimklItem item, params (int Season, int Count)[] seasons)
    {
        lock (_sync)
        {
            var episodes = seasons.SelectMany(s => Enumerable.Range(1, s.Count).Select(n => new FakeSimklEpisode(s.Season, n))).ToList();
            return Replace(Current(item), Current(item) with { Episodes = episodes });
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

    /// <summary>Adds a Simkl account with one token.</summary>
    public FakeSimklUser AddUser(string name)
    {
        lock (_sync)
        {
            var accountId = 500 + _users.Select(u => u.AccountId).Distinct().Count();
            var user = new FakeSimklUser(accountId, name, NewToken(name));
            _users.Add(user);
            return user;
        }
    }

    /// <summary>
    /// Issues another token for the same Simkl account (a second Jellyfin user linked to it, or a second app): both
    /// tokens write to one history and share one 20-second lock.
    /// </summary>
    public FakeSimklUser AddToken(FakeSimklUser account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_sync)
        {
            var token = account with { Token = NewToken(account.Name) };
            _users.Add(token);
            return token;
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

    /// <summary>The history of the account this token belongs to (every token of the account sees the same history).</summary>
    public IReadOnlyList<FakeSimklHistoryEntry> HistoryOf(FakeSimklUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return HistoryOfAccount(user.AccountId);
    }

    public IReadOnlyList<FakeSimklHistoryEntry> HistoryOfAccount(long accountId) => History.Where(h => h.AccountId == accountId).ToList();

    /// <summary>Counts watches recorded more than once (same account, item, season and episode): the "never twice" figure.</summary>
    public int CountRecordedTwice()
        => History.GroupBy(h => (h.AccountId, h.SimklId, h.Season, h.Episode)).Sum(g => g.Count() - 1);

    /// <summary>The most requests that arrived in any one-second window (Simkl flags 3 or more from one IP).</summary>
    public int MaxRequestsInAnySecond() => BusiestSecond().Count;

    /// <summary>The requests of the busiest one-second window, oldest first: what to look at when it holds 3 or more.</summary>
    public IReadOnlyList<FakeSimklRequest> BusiestSecond()
    {
        var requests = Requests.OrderBy(r => r.Time).ToList();
        var busiest = (Start: 0, Count: 0);
        for (int start = 0, end = 0; end < requests.Count; end++)
        {
            while (requests[end].Time - requests[start].Time >= TimeSpan.FromSeconds(1))
            {
                start++;
            }

            if (end - start + 1 > busiest.Count)
            {
                busiest = (start, end - start + 1);
            }
        }

        return requests.GetRange(busiest.Start, busiest.Count);
    }

    /// <summary>
    /// The smallest gap between two writes Simkl handled for the same account, whichever of its tokens sent them (its
    /// 20 s lock counts those; a request lost to an injected fault or an outage never reached it).
    /// </summary>
    public TimeSpan? SmallestWriteGap()
    {
        TimeSpan? smallest = null;
        foreach (var group in Requests.Where(r => r.IsWrite && r.Handled && r.AccountId is not null).GroupBy(r => r.AccountId))
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

    private static string NewToken(string name) => "tok-" + name + "-" + Guid.NewGuid().ToString("N");

    /// <summary>Simkl's error envelope (appendix A.4): the id, the HTTP status as a number, and a sentence.</summary>
    private static string Error(string id, int status, string message)
        => new JsonObject { ["error"] = id, ["code"] = status, ["message"] = message }.ToJsonString();

    private static (int Status, string Json, TimeSpan? RetryAfter) Fail(int status, string id, string message)
        => (status, Error(id, status, message), null);

    private FakeSimklItem Current(FakeSimklItem item) => _catalog.First(c => c.SimklId == item.SimklId);

    private FakeSimklItem Replace(FakeSimklItem current, FakeSimklItem updated)
    {
        _catalog[_catalog.IndexOf(current)] = updated;
        return updated;
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
            var user = _users.FirstOrDefault(u => u.Token == token);
            entry = new FakeSimklRequest(
                SentAt(context.Request.Headers[SenderClock.HeaderName]) ?? _time.GetUtcNow(),
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                user?.Name,
                user?.AccountId);
            _requests.Add(entry);
            fault = _faults.FirstOrDefault(f => f.Remaining > 0 && entry.Path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Remaining--;
            }
        }

        if (Down)
        {
            entry.Status = 503;
            await WriteAsync(context, 503, Error("maintenance", 503, "Simkl is down for maintenance."), null).ConfigureAwait(false);
            return;
        }

        if (fault is not null)
        {
            await ApplyFaultAsync(context, entry, token, fault).ConfigureAwait(false);
            return;
        }

        var (status, json, retryAfter) = Answer(entry, token);
        StampHistory(entry.Time);
        entry.Status = status;
        entry.Handled = true;
        await WriteAsync(context, status, json, retryAfter).ConfigureAwait(false);
    }

    /// <summary>The simulated time the plugin sent the request at, when its test stamps it (see <see cref="SimulatedTimeHandler"/>).</summary>
    private static DateTimeOffset? SentAt(string? header)
        => DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    private static async Task WriteAsync(HttpContext context, int status, string json, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }

    private async Task<bool> StallAsync(HttpContext context, TimeSpan delay)
    {
        Interlocked.Increment(ref _stalled);
        try
        {
            await Task.Delay(delay, _time, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _stalled);
        }
    }

    private async Task ApplyFaultAsync(HttpContext context, FakeSimklRequest entry, string? token, FakeSimklFault fault)
    {
        switch (fault.Kind)
        {
            case FakeSimklFaultKind.Status:
                entry.Status = fault.StatusCode;
                await WriteAsync(context, fault.StatusCode, Error(fault.Error, fault.StatusCode, "Injected fault."), fault.RetryAfter).ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.Slow:
                entry.Status = 200;
                if (await StallAsync(context, fault.Delay ?? TimeSpan.FromMinutes(5)).ConfigureAwait(false))
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{}").ConfigureAwait(false);
                }

                break;
            case FakeSimklFaultKind.AnswerLost or FakeSimklFaultKind.AnswerTimesOut:
                // Simkl did the work: the state changes and the request counts as handled; only the answer is lost.
                var (status, json, retryAfter) = Answer(entry, token);
                StampHistory(entry.Time);
                entry.Status = status;
                entry.Handled = true;
                entry.AnswerLost = true;
                if (fault.Kind == FakeSimklFaultKind.AnswerLost)
                {
                    context.Abort();
                }
                else if (await StallAsync(context, fault.Delay ?? TimeSpan.FromMinutes(5)).ConfigureAwait(false))
                {
                    await WriteAsync(context, status, json, retryAfter).ConfigureAwait(false);
                }

                break;
            case FakeSimklFaultKind.EchoRequest:
                entry.Status = 400;
                var echo = $"bad_request {context.Request.Method} {context.Request.Path}{context.Request.QueryString} Authorization: {context.Request.Headers.Authorization}";
                await WriteAsync(context, 400, Error(echo, 400, echo), null).ConfigureAwait(false);
                break;
            case FakeSimklFaultKind.DropConnection:
                entry.Status = -1;
                context.Abort();
                break;
            case FakeSimklFaultKind.Answer:
                entry.Status = fault.StatusCode;
                context.Response.StatusCode = fault.StatusCode;
                if (fault.ContentType is not null)
                {
                    context.Response.ContentType = fault.ContentType;
                }

                await context.Response.WriteAsync(fault.Body ?? string.Empty).ConfigureAwait(false);
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
            return Fail(412, "client_id_failed", "Incorrect client_id or total requests limit exceeded.");
        }

        if (!request.Query.ContainsKey("app-name") || !request.Query.ContainsKey("app-version"))
        {
            return Fail(400, "app_name_version_required", "app-name and app-version are required.");
        }

        // Simkl's headers page (appendix A.7) requires a User-Agent on every call and Content-Type on POST, but no
        // document names the status of a refusal. The fake answers 400 with the envelope, Simkl's "invalid request,
        // an accompanying error message will explain" (section 7.1): never more kindly than the documents allow.
        if (!request.Headers.TryGetValue("User-Agent", out var userAgent) || string.IsNullOrWhiteSpace(userAgent))
        {
            return Fail(400, "user_agent_required", "A descriptive User-Agent header is required.");
        }

        if (request.Method == "POST"
            && (!request.Headers.TryGetValue("Content-Type", out var contentType)
                || !contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(400, "content_type_required", "POST requests need Content-Type: application/json.");
        }

        if (request.Path.EndsWith('/'))
        {
            // Simkl answers an empty body when a slash precedes the query string.
            return (200, string.Empty, null);
        }

        lock (_sync)
        {
            var now = request.Time;
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
                return Fail(401, "user_token_failed", "The access token is missing, invalid or revoked.");
            }

            if (request.Method == "POST" && request.Path == "/users/settings")
            {
                return (200, new JsonObject { ["user"] = new JsonObject { ["name"] = user.Name }, ["account"] = new JsonObject { ["id"] = user.AccountId } }.ToJsonString(), null);
            }

            if (AnswerSync(user, request, now) is { } synced)
            {
                return synced;
            }

            if (request.Method == "POST" && request.Path == "/sync/watched")
            {
                return Watched(user, request);
            }

            if (request.IsWrite)
            {
                if (IsLocked(user, request.Path, now))
                {
                    return Fail(400, "RATE_LIMIT", "A 20-second per-user lock collision.");
                }

                return request.Path == "/sync/history" ? AddHistory(user, request.Body, now) : Scrobble(user, request.Path["/scrobble/".Length..], request.Body, now);
            }

            return Fail(404, "not_found", "No such endpoint.");
        }
    }

    /// <summary>
    /// Applies the 20-second per-user lock to a write: the lock belongs to the account (two tokens of one account share
    /// it), and a refused write starts it again. Must be called under <c>_sync</c>.
    /// </summary>
    private bool IsLocked(FakeSimklUser user, string path, DateTimeOffset now)
    {
        var locked = _lastWrite.TryGetValue(user.AccountId, out var last) && now - last < UserLock;
        if (locked)
        {
            _lockRefusals.Add(new FakeSimklLockRefusal(user.Name, user.AccountId, path, now, last));
        }

        _lastWrite[user.AccountId] = now;
        return locked;
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
            return Fail(400, "bad_json", "The body is not JSON.");
        }

        var media = json?["movie"] ?? json?["show"] ?? json?["anime"];
        if (media is null || json?["progress"] is null)
        {
            return Fail(400, "empty_field", "A movie, show or anime and a progress are required.");
        }

        var item = Find(media);
        if (item is null)
        {
            return Fail(404, "id_err", "The item could not be matched.");
        }

        int? season = json?["episode"]?["season"]?.GetValue<int>();
        int? number = json?["episode"]?["number"]?.GetValue<int>();
        if (item.Kind != "movie" && number is null)
        {
            return Fail(400, "empty_field", "An episode is required for a show or an anime.");
        }

        var progress = json!["progress"]!.GetValue<double>();
        var key = $"{user.AccountId}|{item.SimklId}|{season}|{number}";
        var answer = action;
        switch (action)
        {
            case "start":
                _sessions[key] = ("watching", progress);
                break;
            case "pause":
                _sessions[key] = ("paused", progress);
                break;
            case "stop" when StopCounts(progress):
                // Appendix A.1: a stop at 80 % or more marks the item watched (or above 80, FakeSimklServer.ScrobbleAnswers.cs).
                if (_history.Any(h => h.AccountId == user.AccountId && h.SimklId == item.SimklId && h.Season == season && h.Episode == number && now - h.WatchedAt < RepeatWindow))
                {
                    return Fail(409, "already_scrobbled", "This was already scrobbled.");
                }

                _sessions.Remove(key);
                _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, season, number, now, "scrobble", user.AccountId));
                answer = "scrobble";
                break;
            case "stop":
                // Below 80 % Simkl keeps a resumable paused playback, answers "pause" and records no watch.
                _sessions[key] = ("paused", progress);
                answer = "pause";
                break;
            default:
                return Fail(404, "not_found", "No such endpoint.");
        }

        return (200, new JsonObject { ["id"] = SessionId(++_nextSession), ["action"] = answer, ["progress"] = progress }.ToJsonString(), null);
    }

    private (int Status, string Json, TimeSpan? RetryAfter) AddHistory(FakeSimklUser user, string body, DateTimeOffset now)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Fail(400, "bad_json", "The body is not JSON.");
        }

        int movies = 0, shows = 0, episodes = 0;
        var notFoundMovies = new JsonArray();
        var notFoundShows = new JsonArray();
        var notFoundEpisodes = new JsonArray();
        void Record(FakeSimklItem item, int? season, int? number, DateTimeOffset watchedAt, string via = "history")
            => _history.Add(new FakeSimklHistoryEntry(user.Name, item.SimklId, season, number, watchedAt, via, user.AccountId));

        foreach (var movie in json?["movies"]?.AsArray() ?? [])
        {
            var item = Find(movie);
            if (item is null)
            {
                notFoundMovies.Add(new JsonObject { ["ids"] = movie?["ids"]?.DeepClone() });
                continue;
            }

            movies++;
            Record(item, null, null, WatchedAt(movie, now));
        }

        foreach (var show in json?["shows"]?.AsArray() ?? [])
        {
            var item = Find(show);
            if (item is null)
            {
                notFoundShows.Add(new JsonObject { ["ids"] = show?["ids"]?.DeepClone() });
                continue;
            }

            shows++;
            var seasons = show?["seasons"]?.AsArray() ?? [];
            var flat = show?["episodes"]?.AsArray() ?? [];
            if (seasons.Count == 0 && flat.Count == 0)
            {
                // Section 6.1: a show with no seasons or episodes marks every aired episode watched.
                _bareShowMarks++;
                episodes += MarkAired(item, null, WatchedAt(show, now), Record);
                continue;
            }

            foreach (var season in seasons)
            {
                var seasonNumber = season?["number"]?.GetValue<int>();
                var named = season?["episodes"]?.AsArray() ?? [];
                if (named.Count == 0)
                {
                    // A season with no episodes marks the whole season (the example in section 6.1).
                    _bareShowMarks++;
                    episodes += MarkAired(item, seasonNumber, WatchedAt(season, WatchedAt(show, now)), Record);
                    continue;
                }

                foreach (var episode in named)
                {
                    var number = episode?["number"]?.GetValue<int>();
                    if (number is null || !Exists(item, seasonNumber, number.Value))
                    {
                        notFoundEpisodes.Add(NotFoundEpisode(show, seasonNumber, number));
                        continue;
                    }

                    episodes++;
                    Record(item, seasonNumber, number, WatchedAt(episode, WatchedAt(season, WatchedAt(show, now))));
                }
            }

            foreach (var episode in flat)
            {
                var number = episode?["number"]?.GetValue<int>();
                if (number is null || !Exists(item, null, number.Value))
                {
                    notFoundEpisodes.Add(NotFoundEpisode(show, null, number));
                    continue;
                }

                episodes++;
                Record(item, null, number, WatchedAt(episode, WatchedAt(show, now)));
            }
        }

        return (201, new JsonObject
        {
            ["added"] = new JsonObject { ["movies"] = movies, ["shows"] = shows, ["episodes"] = episodes },
            ["not_found"] = new JsonObject { ["movies"] = notFoundMovies, ["shows"] = notFoundShows, ["episodes"] = notFoundEpisodes },
        }.ToJsonString(), null);
    }

    private static JsonObject NotFoundEpisode(JsonNode? show, int? season, int? number)
        => new()
        {
            ["show"] = new JsonObject { ["title"] = show?["title"]?.DeepClone(), ["ids"] = show?["ids"]?.DeepClone() },
            ["episode"] = new JsonObject { ["season"] = season, ["number"] = number },
        };

    private static bool Exists(FakeSimklItem item, int? season, int number)
        => item.Episodes is null || item.Episodes.Any(e => e.Number == number && (season is null || e.Season == season));

    private static int MarkAired(FakeSimklItem item, int? season, DateTimeOffset watchedAt, Action<FakeSimklItem, int?, int?, DateTimeOffset, string> record)
    {
        if (item.Episodes is null)
        {
            // The fake was not told the episodes: one entry stands for all of them, so the damage is still visible.
            record(item, season, null, watchedAt, season is null ? "history:whole-show" : "history:whole-season");
            return 1;
        }

        var aired = item.Episodes.Where(e => season is null || e.Season == season).ToList();
        foreach (var episode in aired)
        {
            record(item, episode.Season, episode.Number, watchedAt, "history");
        }

        return aired.Count;
    }

    private static DateTimeOffset WatchedAt(JsonNode? node, DateTimeOffset fallback)
        => node?["watched_at"]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private string SearchFile(string body)
    {
        var file = JsonNode.Parse(body)?["file"]?.GetValue<string>() ?? string.Empty;
        foreach (var (path, simklId) in _showOnlyFiles)
        {
            if (file.EndsWith(path, StringComparison.OrdinalIgnoreCase))
            {
                var show = _catalog.First(c => c.SimklId == simklId);
                return new JsonObject { ["type"] = "show", ["show"] = new JsonObject { ["title"] = show.Title, ["year"] = show.Year, ["ids"] = Ids(show) } }.ToJsonString();
            }
        }

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
