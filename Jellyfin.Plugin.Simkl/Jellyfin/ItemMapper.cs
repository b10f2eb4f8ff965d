using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Turns a Jellyfin item into a <see cref="TrackedItem"/>: a movie with its own ids, or an episode with its series'
/// ids and title plus the library's season and episode numbers. The rules are listed in README ("What gets tracked").
/// </summary>
internal sealed class ItemMapper
{
    /// <summary>Provider keys that are not in Jellyfin's enum: anime metadata plugins add them. Jellyfin key to Simkl key.</summary>
    internal static readonly (string JellyfinKey, string SimklKey)[] ExtraIdKeys =
    [
        ("AniDB", "anidb"), ("AniList", "anilist"), ("MyAnimeList", "mal"), ("Mal", "mal"), ("Kitsu", "kitsu"),
        ("AniSearch", "anisearch"), ("LiveChart", "livechart"),
    ];

    private readonly ILibraryManager _library;

    public ItemMapper(ILibraryManager library) => _library = library;

    public ItemMapping Map(BaseItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item is not Movie and not Episode)
        {
            return NotTracked("only movies and episodes are tracked");
        }

        if (item.ExtraType is not null)
        {
            return NotTracked("it is an extra or a trailer");
        }

        if (item.SourceType != SourceType.Library || item.ChannelId != Guid.Empty)
        {
            return NotTracked("it comes from a channel or live TV");
        }

        if (item.IsVirtualItem || item is Episode { IsMissingEpisode: true })
        {
            return NotTracked("it is a missing episode");
        }

        if (item.RunTimeTicks is not > 0)
        {
            // The server fills the runtime in when it has probed the file, often while the item already plays.
            return new ItemMapping(null, "it has no runtime yet", RetryLater: true);
        }

        var runtime = TimeSpan.FromTicks(item.RunTimeTicks.Value);
        var libraries = LibraryIds(item);
        if (item is Movie movie)
        {
            var display = movie.ProductionYear is { } year ? FormattableString.Invariant($"{movie.Name} ({year})") : movie.Name;
            return new ItemMapping(new TrackedItem(movie.Id, display, TrackedMediaKind.Movie, runtime, movie.Path, libraries, movie.Name, movie.ProductionYear, IdsOf(movie)), null);
        }

        var episode = (Episode)item;
        var series = episode.SeriesId == Guid.Empty ? null : _library.GetItemById(episode.SeriesId) as Series;
        var title = series?.Name ?? episode.SeriesName;
        var ids = series is null ? SimklIds.Empty : IdsOf(series);
        var lastEpisode = episode.IndexNumberEnd is { } end && episode.IndexNumber is { } first && end > first ? end : (int?)null;

        // Jellyfin files specials under season 0, as Simkl does.
        var season = episode.ParentIndexNumber;
        var name = FormattableString.Invariant($"{title} S{season ?? 1:00}E{episode.IndexNumber ?? 0:00}") + (lastEpisode is { } last ? FormattableString.Invariant($"-E{last:00}") : string.Empty);
        return new ItemMapping(
            new TrackedItem(episode.Id, name, TrackedMediaKind.Episode, runtime, episode.Path, libraries, title, series?.ProductionYear, ids, season, episode.IndexNumber, lastEpisode),
            null);
    }

    internal static SimklIds IdsOf(BaseItem item)
    {
        var ids = new List<KeyValuePair<string, string>>();
        Add(ids, "imdb", item.GetProviderId(MetadataProvider.Imdb));
        Add(ids, "tmdb", item.GetProviderId(MetadataProvider.Tmdb));
        Add(ids, "tvdb", item.GetProviderId(MetadataProvider.Tvdb));
        foreach (var (jellyfinKey, simklKey) in ExtraIdKeys)
        {
            if (item.TryGetProviderId(jellyfinKey, out var value) && ids.All(i => i.Key != simklKey))
            {
                Add(ids, simklKey, value);
            }
        }

        return new SimklIds(ids);
    }

    private static void Add(List<KeyValuePair<string, string>> ids, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            ids.Add(new KeyValuePair<string, string>(key, value.Trim()));
        }
    }

    private static ItemMapping NotTracked(string reason) => new(null, reason);

    private List<Guid> LibraryIds(BaseItem item)
        => _library.GetCollectionFolders(item).Select(f => f.Id).ToList();
}
