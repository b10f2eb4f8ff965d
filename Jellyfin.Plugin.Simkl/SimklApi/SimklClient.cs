using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.SimklApi.Wire;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// The Simkl client. Every answer becomes a <see cref="SimklResult{T}"/>: the status decides the outcome before any body
/// is read, and only a well-formed JSON body of a successful answer is ever read as data.
/// </summary>
/// <remarks>
/// A singleton that takes a fresh <see cref="HttpClient"/> from the factory for every request: the long-lived services
/// that hold it (tracker, outbox, resolver) would otherwise keep one handler chain forever, and the factory could never
/// rotate it (DNS changes, stale connections).
/// </remarks>
internal sealed partial class SimklClient : ISimklClient
{
    private static readonly Uri DefaultVerificationUrl = new("https://simkl.com/pin/");
    private readonly IHttpClientFactory _httpFactory;
    private readonly SimklAccountWriteScheduler _writes;
    private readonly ILogger<SimklClient> _logger;
    private readonly ISimklConnectionSettings _settings;
    private readonly SimklHttpOptions _options;

    public SimklClient(IHttpClientFactory httpFactory, SimklAccountWriteScheduler writes, ISimklConnectionSettings settings, SimklHttpOptions options, ILogger<SimklClient> logger)
    {
        _httpFactory = httpFactory;
        _writes = writes;
        _settings = settings;
        _options = options;
        _logger = logger;
    }

    public Task<SimklResult<PinCode>> RequestPinCodeAsync(CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, "oauth/pin", "PIN code", null, null, SimklJsonContext.Default.PinCodeResponse, MapPinCode, cancellationToken);

    public Task<SimklResult<PinPollResult>> PollPinCodeAsync(string userCode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userCode);
        return PollAsync();

        async Task<SimklResult<PinPollResult>> PollAsync()
        {
            var result = await SendAsync(HttpMethod.Get, "oauth/pin/" + Uri.EscapeDataString(userCode.Trim()), "PIN poll", null, null, SimklJsonContext.Default.PinPollResponse, MapPinPoll, cancellationToken).ConfigureAwait(false);

            // An unknown or expired code is simply gone: the administrator starts again.
            return result.Outcome == SimklOutcome.NotFound
                ? SimklResult.Success(new PinPollResult(PinPollStatus.Gone, Message: "Simkl no longer knows this code."))
                : result;
        }
    }

    public Task<SimklResult<SimklUserProfile>> GetUserProfileAsync(SimklToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SendAsync(HttpMethod.Post, "users/settings", "user settings", token, null, SimklJsonContext.Default.UserSettingsWireResponse, MapProfile, cancellationToken);
    }

    public Task<SimklResult<ScrobbleResponse>> ScrobbleAsync(ScrobbleAction action, ScrobbleRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        if (request.Movie is null && request.Show is null && request.Anime is null)
        {
            throw new ArgumentException("A scrobble needs a movie, a show or an anime.", nameof(request));
        }

        var path = action switch
        {
            ScrobbleAction.Start => "scrobble/start",
            ScrobbleAction.Pause => "scrobble/pause",
            ScrobbleAction.Stop => "scrobble/stop",
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown scrobble action."),
        };

        // Simkl takes progress as a percentage with at most two decimals.
        var body = request with { Progress = Math.Round(Math.Clamp(request.Progress, 0, 100), 2, MidpointRounding.AwayFromZero) };
        var content = JsonContent(body, SimklJsonContext.Default.ScrobbleRequest);
        return _writes.RunAsync(
            token,
            coalescingKey,
            ct => SendAsync(HttpMethod.Post, path, "scrobble " + action.ToString().ToLowerInvariant(), token, content, SimklJsonContext.Default.ScrobbleWireResponse, MapScrobble, ct),
            cancellationToken);
    }

    public Task<SimklResult<HistoryResult>> AddToHistoryAsync(HistoryRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        var content = JsonContent(request, SimklJsonContext.Default.HistoryRequest);
        return _writes.RunAsync(
            token,
            coalescingKey,
            ct => SendAsync(HttpMethod.Post, "sync/history", "history", token, content, SimklJsonContext.Default.HistoryWireResponse, MapHistory, ct),
            cancellationToken);
    }

    public Task<SimklResult<FileMatch>> SearchByFileAsync(FileSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = JsonContent(request, SimklJsonContext.Default.FileSearchRequest);
        return SendAsync(HttpMethod.Post, "search/file", "file search", null, content, SimklJsonContext.Default.FileMatchWireResponse, MapFileMatch, cancellationToken);
    }

    public Task<SimklResult<IReadOnlyList<IdSearchHit>>> SearchByIdAsync(IdLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal) { [lookup.Key.ToLowerInvariant()] = lookup.Value };
        if (lookup.Type is not null)
        {
            query["type"] = lookup.Type;
        }

        var path = QueryHelpers.AddQueryString("search/id", query);
        return SendAsync(HttpMethod.Get, path, "id search", null, null, SimklJsonContext.Default.ListIdSearchHit, MapIdHits, cancellationToken);
    }

    private static byte[] JsonContent<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private async Task<SimklResult<T>> SendAsync<TWire, T>(
        HttpMethod method,
        string path,
        string operation,
        SimklToken? token,
        byte[]? body,
        JsonTypeInfo<TWire> wireType,
        Func<TWire?, SimklResult<T>> map,
        CancellationToken cancellationToken)
        where TWire : class
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null || method == HttpMethod.Post)
        {
            // Simkl requires Content-Type: application/json on every POST, even one without a body (/users/settings).
            request.Content = new ByteArrayContent(body ?? []);
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        if (token is not null)
        {
            request.Options.Set(SimklRequestOptions.Token, token);
        }

        HttpResponseMessage response;
        try
        {
            using var http = _httpFactory.CreateClient(SimklApiServiceCollectionExtensions.HttpClientName);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (SimklConfigurationException ex)
        {
            return Fail<T>(operation, SimklOutcome.InvalidClient, ex.Message);
        }
        catch (BrokenCircuitException)
        {
            return Fail<T>(operation, SimklOutcome.Unavailable, "Simkl failed repeatedly; calls are paused for a moment before the next try.");
        }
        catch (TimeoutException ex)
        {
            return Fail<T>(operation, SimklOutcome.Unavailable, SimklLogRedactor.Redact(ex.Message));
        }
        catch (HttpRequestException ex)
        {
            return Fail<T>(operation, SimklOutcome.Unavailable, "Could not reach Simkl: " + SimklLogRedactor.Redact(ex.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail<T>(operation, SimklOutcome.Unavailable, "The request to Simkl was cut off.");
        }

        using (response)
        {
            return await ReadAsync(response, operation, wireType, map, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SimklResult<T>> ReadAsync<TWire, T>(
        HttpResponseMessage response,
        string operation,
        JsonTypeInfo<TWire> wireType,
        Func<TWire?, SimklResult<T>> map,
        CancellationToken cancellationToken)
        where TWire : class
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            if (!IsJson(response) && !string.IsNullOrWhiteSpace(text))
            {
                return Fail<T>(operation, SimklOutcome.Unavailable, $"Simkl answered {status} with {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of JSON.", status);
            }

            if (MeansNothing(text))
            {
                return Log(operation, map(null), status);
            }

            try
            {
                return Log(operation, map(JsonSerializer.Deserialize(text, wireType)), status);
            }
            catch (JsonException)
            {
                return Fail<T>(operation, SimklOutcome.Unavailable, $"Simkl answered {status} with a malformed or truncated JSON body.", status);
            }
        }

        var error = ReadError(response, text);
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.BadRequest when string.Equals(error, "RATE_LIMIT", StringComparison.OrdinalIgnoreCase) => SimklOutcome.UserLocked,
            HttpStatusCode.BadRequest => SimklOutcome.BadRequest,
            HttpStatusCode.Unauthorized => SimklOutcome.Unauthorized,
            HttpStatusCode.Forbidden => SimklOutcome.Forbidden,
            HttpStatusCode.NotFound => SimklOutcome.NotFound,
            HttpStatusCode.Conflict => SimklOutcome.AlreadyRecorded,
            HttpStatusCode.PreconditionFailed => SimklOutcome.InvalidClient,
            HttpStatusCode.TooManyRequests => SimklOutcome.RateLimited,
            HttpStatusCode.RequestTimeout => SimklOutcome.Unavailable,
            _ when status >= 500 => SimklOutcome.Unavailable,
            _ => SimklOutcome.BadRequest,
        };

        // Whatever Simkl asks, the hint handed back is kept within a day, so no caller schedules work beyond reason.
        var retryAfter = SimklRetryAfter.Read(response) is { } wait ? (wait > _options.MaxRetryAfterHint ? _options.MaxRetryAfterHint : wait) : (TimeSpan?)null;
        return Fail<T>(operation, outcome, Explain(outcome, status, error, retryAfter), status, error, retryAfter);
    }

    private static bool IsJson(HttpResponseMessage response)
        => response.Content.Headers.ContentType?.MediaType is { } type
           && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool MeansNothing(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.IsEmpty || trimmed.SequenceEqual("null") || trimmed.SequenceEqual("{}") || trimmed.SequenceEqual("[]");
    }

    private static string? ReadError(HttpResponseMessage response, string text)
    {
        if (!IsJson(response) || MeansNothing(text))
        {
            return null;
        }

        try
        {
            // The id is in "error"; "code" is the HTTP status as a number, or (older answers) the id as text.
            var error = JsonSerializer.Deserialize(text, SimklJsonContext.Default.SimklErrorResponse);
            var id = Text(error?.Error) ?? Text(error?.Code);
            return id is null ? null : SimklLogRedactor.Redact(id);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? element)
        => element is { ValueKind: JsonValueKind.String } text && !string.IsNullOrWhiteSpace(text.GetString()) ? text.GetString() : null;

    private static string Explain(SimklOutcome outcome, int status, string? error, TimeSpan? retryAfter)
    {
        var detail = error is null ? string.Empty : " (" + error + ")";
        if (outcome == SimklOutcome.Unavailable && retryAfter is { } wait)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Simkl failed with HTTP {status}{detail} and asked to try again in {wait.TotalMinutes:0.#} min.");
        }

        return outcome switch
        {
            SimklOutcome.UserLocked => "Simkl's 20-second lock for this account was still active" + detail + ".",
            SimklOutcome.Unauthorized => "Simkl rejected the account's token: the user revoked access or the link is broken" + detail + ".",
            SimklOutcome.Forbidden => "Simkl refused the request (app not approved or API limits)" + detail + ".",
            SimklOutcome.NotFound => "Simkl could not match the item" + detail + ".",
            SimklOutcome.AlreadyRecorded => "Simkl had already recorded this" + detail + ".",
            SimklOutcome.InvalidClient => "Simkl rejected the plugin's client id (wrong id, or the app's request limit was exceeded)" + detail + ".",
            SimklOutcome.RateLimited => "Simkl asked to slow down (HTTP 429)" + detail + ".",
            SimklOutcome.Unavailable => string.Create(CultureInfo.InvariantCulture, $"Simkl failed with HTTP {status}{detail} after retries."),
            _ => string.Create(CultureInfo.InvariantCulture, $"Simkl rejected the request with HTTP {status}{detail}."),
        };
    }

    private SimklResult<T> Fail<T>(string operation, SimklOutcome outcome, string message, int? status = null, string? error = null, TimeSpan? retryAfter = null)
        => Log(operation, SimklResult.Failure<T>(outcome, message, status, error, retryAfter), status);

    private SimklResult<T> Log<T>(string operation, SimklResult<T> result, int? status)
    {
        switch (result.Outcome)
        {
            case SimklOutcome.Success or SimklOutcome.AlreadyRecorded or SimklOutcome.NotFound or SimklOutcome.Superseded:
                LogAnswered(_logger, _settings.VerboseLogging ? LogLevel.Information : LogLevel.Debug, operation, status ?? 0, result.Outcome);
                break;
            case SimklOutcome.Unauthorized or SimklOutcome.UserLocked or SimklOutcome.RateLimited:
                LogRefused(_logger, operation, result.Outcome, SimklLogRedactor.Redact(result.Message));
                break;
            default:
                LogFailed(_logger, operation, result.Outcome, SimklLogRedactor.Redact(result.Message));
                break;
        }

        return result;
    }

    private static SimklResult<PinCode> MapPinCode(PinCodeResponse? wire)
    {
        if (wire?.UserCode is not { Length: > 0 } code)
        {
            return SimklResult.Failure<PinCode>(SimklOutcome.Unavailable, "Simkl's answer had no PIN code.");
        }

        var url = Uri.TryCreate(wire.VerificationUrl, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps ? parsed : DefaultVerificationUrl;

        // Simkl's documents disagree on these (900/5 or 3600/3); missing values fall back to the older, stricter pair.
        var expiresIn = TimeSpan.FromSeconds(wire.ExpiresIn is > 0 ? wire.ExpiresIn.Value : 900);
        var interval = TimeSpan.FromSeconds(wire.Interval is > 0 ? wire.Interval.Value : 5);
        return SimklResult.Success(new PinCode(code, url, expiresIn, interval));
    }

    private static SimklResult<PinPollResult> MapPinPoll(PinPollResponse? wire)
    {
        if (wire is null)
        {
            return SimklResult.Failure<PinPollResult>(SimklOutcome.Unavailable, "Simkl's answer to the PIN poll was empty.");
        }

        if (string.Equals(wire.Result, "OK", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(wire.AccessToken))
        {
            return SimklResult.Success(new PinPollResult(PinPollStatus.Approved, new SimklToken(wire.AccessToken.Trim())));
        }

        var status = wire.Error?.ToLowerInvariant() switch
        {
            "access_denied" => PinPollStatus.Denied,
            "expired_code" or "expired_token" => PinPollStatus.Gone,
            "slow_down" => PinPollStatus.SlowDown,
            "authorization_pending" => PinPollStatus.Pending,

            // Simkl answers an unknown or expired code with a fresh code instead of an error.
            _ when wire.UserCode is not null => PinPollStatus.Gone,
            _ when wire.Message?.Contains("slow", StringComparison.OrdinalIgnoreCase) == true => PinPollStatus.SlowDown,
            _ => PinPollStatus.Pending,
        };
        var message = status switch
        {
            PinPollStatus.Denied => "The Simkl user declined the link.",
            PinPollStatus.Gone => "The code expired or was replaced.",
            _ => null,
        };
        return SimklResult.Success(new PinPollResult(status, Message: message));
    }

    private static SimklResult<SimklUserProfile> MapProfile(UserSettingsWireResponse? wire)
        => SimklResult.Success(new SimklUserProfile(wire?.User?.Name, wire?.Account?.Id));

    private static SimklResult<ScrobbleResponse> MapScrobble(ScrobbleWireResponse? wire)
    {
        var id = wire?.Id is { } element
            ? element.ValueKind switch
            {
                JsonValueKind.Number or JsonValueKind.String => element.ToString(),
                _ => null,
            }
            : null;
        return SimklResult.Success(new ScrobbleResponse(id, wire?.Action, wire?.Progress));
    }

    private static SimklResult<HistoryResult> MapHistory(HistoryWireResponse? wire)
    {
        static IReadOnlyList<SimklIds> Ids(IReadOnlyList<HistoryWireItem>? items)
            => items?.Select(i => i.Ids ?? SimklIds.Empty).ToList() ?? [];

        var result = new HistoryResult(
            wire?.Added?.Movies ?? 0,
            wire?.Added?.Shows ?? 0,
            wire?.Added?.Episodes ?? 0,
            Ids(wire?.NotFound?.Movies),
            Ids(wire?.NotFound?.Shows))
        {
            NotFoundEpisodes = wire?.NotFound?.Episodes?.Select(NotFoundEpisode).ToList() ?? [],
        };
        if (result.AllFound)
        {
            return SimklResult.Success(result);
        }

        // A 2xx that lists an item as not found wrote nothing for it: that is not a success, whatever else was added.
        var missing = result.NotFoundMovies.Count + result.NotFoundShows.Count + result.NotFoundEpisodes.Count;
        return new SimklResult<HistoryResult>(
            SimklOutcome.NotFound,
            result,
            ErrorCode: "not_found",
            Message: string.Create(CultureInfo.InvariantCulture, $"Simkl could not match {missing} of the items sent, so they were not marked watched."));
    }

    private static HistoryNotFoundEpisode NotFoundEpisode(JsonElement element)
    {
        static JsonElement? Property(JsonElement? parent, string name)
            => parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) ? value : null;

        static int? Number(JsonElement? value)
            => value switch
            {
                { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) => i,
                { ValueKind: JsonValueKind.String } t when int.TryParse(t.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
                _ => null,
            };

        var ids = Property(Property(element, "show"), "ids") ?? Property(element, "ids");
        SimklIds showIds;
        try
        {
            showIds = ids is { ValueKind: JsonValueKind.Object } raw ? raw.Deserialize(SimklJsonContext.Default.SimklIds) ?? SimklIds.Empty : SimklIds.Empty;
        }
        catch (JsonException)
        {
            showIds = SimklIds.Empty;
        }

        var episode = Property(element, "episode");
        var season = Number(Property(episode, "season")) ?? Number(Property(element, "season"));
        var number = Number(Property(episode, "number")) ?? Number(Property(element, "number")) ?? Number(episode);
        return new HistoryNotFoundEpisode(showIds, season, number);
    }

    private static SimklResult<FileMatch> MapFileMatch(FileMatchWireResponse? wire)
    {
        var show = wire?.Show ?? wire?.Anime;
        if (wire is null || (wire.Movie?.Ids is not { IsEmpty: false } && show?.Ids is not { IsEmpty: false }))
        {
            return SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "Simkl did not recognise the file.");
        }

        var episode = wire.Episode is null ? null : new FileMatchEpisode(wire.Episode.Season, wire.Episode.Episode, wire.Episode.Ids ?? SimklIds.Empty);
        var type = wire.Type ?? (wire.Movie is not null ? "movie" : "episode");
        return SimklResult.Success(new FileMatch(type, wire.Movie, show, episode));
    }

    private static SimklResult<IReadOnlyList<IdSearchHit>> MapIdHits(List<IdSearchHit>? wire)
        => SimklResult.Success<IReadOnlyList<IdSearchHit>>(wire?.Where(h => h.Ids is { IsEmpty: false }).ToList() ?? []);

    [LoggerMessage(Message = "Simkl {Operation}: HTTP {Status}, {Outcome}")]
    private static partial void LogAnswered(ILogger logger, LogLevel level, string operation, int status, SimklOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl {Operation} refused: {Outcome}. {Reason}")]
    private static partial void LogRefused(ILogger logger, string operation, SimklOutcome outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl {Operation} failed: {Outcome}. {Reason}")]
    private static partial void LogFailed(ILogger logger, string operation, SimklOutcome outcome, string reason);
}
