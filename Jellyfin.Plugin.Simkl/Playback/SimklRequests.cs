using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>Builds request bodies from resolved media, so scrobbles and history always describe an item the same way.</summary>
internal static class SimklRequests
{
    public static ScrobbleRequest Scrobble(SimklMedia media, int? episode, double progress)
    {
        var number = episode ?? media.Episode;
        var episodeNumber = media.Kind == SimklMediaKind.Movie || number is null ? null : new SimklEpisodeNumber(media.Season, number.Value);
        return media.Kind switch
        {
            SimklMediaKind.Movie => new ScrobbleRequest(progress, Movie: media.Media),
            SimklMediaKind.Anime => new ScrobbleRequest(progress, Anime: media.Media, Episode: episodeNumber),
            _ => new ScrobbleRequest(progress, Show: media.Media, Episode: episodeNumber),
        };
    }

    /// <summary>
    /// A history entry for the given episodes (none for a movie). Episodes always travel inside their show: a show
    /// sent bare would mark every aired episode watched.
    /// </summary>
    public static HistoryRequest History(SimklMedia media, IReadOnlyList<int> episodes, System.DateTimeOffset watchedAt)
    {
        if (media.Kind == SimklMediaKind.Movie)
        {
            return new HistoryRequest([new HistoryMovie(media.Media.Title, media.Media.Year, media.Media.Ids, watchedAt)], []);
        }

        var watched = episodes.Select(n => new HistoryEpisode(n, watchedAt)).ToList();
        var flat = media.Season is null || (media.Kind == SimklMediaKind.Anime && media.Season == 1);
        var show = flat
            ? new HistoryShow(media.Media.Title, media.Media.Year, media.Media.Ids, Episodes: watched)
            : new HistoryShow(media.Media.Title, media.Media.Year, media.Media.Ids, Seasons: [new HistorySeason(media.Season!.Value, watched)]);
        return new HistoryRequest([], [show]);
    }
}
