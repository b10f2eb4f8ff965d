using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// Turns a tracked item into what Simkl is sent. Provider ids come first (Simkl matches them itself); an item without a
/// usable id, or one whose ids Simkl rejected, is looked up once with <c>POST /search/file</c> and the answer cached per
/// item: found for good, not found for <see cref="PlaybackTrackingOptions.NotFoundExpiry"/>.
/// </summary>
internal sealed partial class SimklMediaResolver
{
    private const int MaxCachedItems = 20_000;
    private const string NoEpisodeNumber = "it has no episode number, and Simkl could not tell which episode it is from its file";
    private static readonly string[] UsableIdKeys = ["simkl", "imdb", "tmdb", "tvdb", "anidb", "anilist", "mal", "kitsu", "anisearch", "livechart"];

    private readonly ConcurrentDictionary<Guid, CachedLookup> _fileLookups = new();
    private readonly ISimklClient _client;
    private readonly TimeProvider _time;
    private readonly PlaybackTrackingOptions _options;
    private readonly ILogger<SimklMediaResolver> _logger;

    public SimklMediaResolver(ISimklClient client, TimeProvider time, PlaybackTrackingOptions options, ILogger<SimklMediaResolver> logger)
    {
        _client = client;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public static bool HasUsableIds(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var key in UsableIdKeys)
        {
            if (item.Ids.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Answers whether the item's own ids say what it is, so no request is needed: it has an id Simkl knows, and an
    /// episode has its number (without one only the file name can tell which episode it is).
    /// </summary>
    public static bool CanResolveOffline(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return HasUsableIds(item) && (item.Kind == TrackedMediaKind.Movie || item.Episode is not null);
    }

    /// <summary>
    /// Builds the media from the item's own ids, without any request. A movie is always a <c>movie</c>, anime or not:
    /// Simkl's scrobble body is exactly one of <c>movie</c>, <c>show</c> + <c>episode</c> or <c>anime</c> + <c>episode</c>,
    /// and history takes movies under <c>movies</c>; Simkl resolves an anime film's ids (MyAnimeList, AniDB...) to its
    /// entry, so every id is sent. An episode without a number has no media: never a bare show.
    /// </summary>
    public static MediaResolution FromIds(TrackedItem item, bool isAnime)
    {
        ArgumentNullException.ThrowIfNull(item);
        var media = new SimklMediaObject(item.Title, item.Year, item.Ids);
        if (item.Kind == TrackedMediaKind.Movie)
        {
            return new MediaResolution(new SimklMedia(SimklMediaKind.Movie, media));
        }

        return item.Episode is null
            ? new MediaResolution(null, NoEpisodeNumber)
            : new MediaResolution(new SimklMedia(isAnime ? SimklMediaKind.Anime : SimklMediaKind.Show, media, item.Season, item.Episode, item.LastEpisode));
    }

    public async Task<MediaResolution> ResolveAsync(TrackedItem item, bool isAnime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return CanResolveOffline(item) && !IsRejected(item)
            ? FromIds(item, isAnime)
            : await LookUpFileAsync(item, isAnime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Simkl answered 404 id_err for the item's ids: look the file up instead, once per item.</summary>
    public Task<MediaResolution> ResolveRejectedAsync(TrackedItem item, bool isAnime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        _fileLookups.TryAdd(item.ItemId, CachedLookup.Rejected);
        return LookUpFileAsync(item, isAnime, cancellationToken);
    }

    private bool IsRejected(TrackedItem item) => _fileLookups.TryGetValue(item.ItemId, out var cached) && cached.IdsRejected;

    private async Task<MediaResolution> LookUpFileAsync(TrackedItem item, bool isAnime, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_fileLookups.TryGetValue(item.ItemId, out var cached) && cached.Resolution is { } known && (known.Media is not null || cached.ExpiresAt > now))
        {
            return known;
        }

        if (string.IsNullOrWhiteSpace(item.Path))
        {
            return item.Kind == TrackedMediaKind.Episode && item.Episode is null
                ? new MediaResolution(null, NoEpisodeNumber)
                : new MediaResolution(null, "The item has no provider id Simkl knows and no file path to search with.");
        }

        var result = await _client.SearchByFileAsync(new FileSearchRequest(item.Path), cancellationToken).ConfigureAwait(false);
        MediaResolution resolution;
        if (result.IsSuccess)
        {
            resolution = FromMatch(item, result.Value, isAnime);
            if (resolution.Media is { } media)
            {
                LogFileMatched(_logger, item.DisplayName, media.Media.Ids.ToString());
            }
        }
        else if (result.Outcome == SimklOutcome.NotFound)
        {
            resolution = item.Kind == TrackedMediaKind.Episode && item.Episode is null
                ? new MediaResolution(null, NoEpisodeNumber)
                : new MediaResolution(null, "Simkl did not recognise the file " + System.IO.Path.GetFileName(item.Path) + ".");
            LogFileNotMatched(_logger, item.DisplayName);
        }
        else
        {
            // Nothing is cached: the next playback asks again.
            return new MediaResolution(null, result.Message, IsTransient: true);
        }

        if (_fileLookups.Count >= MaxCachedItems)
        {
            _fileLookups.Clear();
        }

        _fileLookups[item.ItemId] = new CachedLookup(resolution, now + _options.NotFoundExpiry, cached?.IdsRejected ?? false);
        return resolution;
    }

    private static MediaResolution FromMatch(TrackedItem item, FileMatch match, bool isAnime)
    {
        if (item.Kind == TrackedMediaKind.Movie)
        {
            return match.Movie is { } movie
                ? new MediaResolution(new SimklMedia(SimklMediaKind.Movie, movie))
                : new MediaResolution(null, "Simkl matched the file of this movie to a show.");
        }

        if ((match.Show ?? match.Movie) is not { } show)
        {
            return new MediaResolution(null, "Simkl's file search answered without a show.");
        }

        // The library's own numbering wins; Simkl's reading of the file name fills what the library lacks. A "show"
        // answer carries no episode at all: then only the library's numbers can say which one, and without a number
        // the item is not sent (a bare show would mark every aired episode).
        var season = item.Season ?? match.Episode?.Season;
        var episode = item.Episode ?? match.Episode?.Number;
        return episode is null
            ? new MediaResolution(null, NoEpisodeNumber)
            : new MediaResolution(new SimklMedia(isAnime ? SimklMediaKind.Anime : SimklMediaKind.Show, show, season, episode, item.LastEpisode));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl matched {Item} by its file: {Ids}")]
    private static partial void LogFileMatched(ILogger logger, string item, string ids);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl does not recognise the file of {Item}; it will not be tracked until its metadata has ids")]
    private static partial void LogFileNotMatched(ILogger logger, string item);

    private sealed record CachedLookup(MediaResolution? Resolution, DateTimeOffset ExpiresAt, bool IdsRejected)
    {
        public static CachedLookup Rejected { get; } = new(null, DateTimeOffset.MinValue, true);
    }
}
