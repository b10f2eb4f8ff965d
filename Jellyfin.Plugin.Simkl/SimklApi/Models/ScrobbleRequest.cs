namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The body of <c>/scrobble/start|pause|stop</c>: exactly one of <see cref="Movie"/>, <see cref="Show"/> or
/// <see cref="Anime"/>, the episode for shows and anime, and the progress.
/// </summary>
/// <param name="Progress">Percent watched, 0 to 100, at most two decimals.</param>
/// <param name="Movie">The movie, for a movie.</param>
/// <param name="Show">The show (never the episode's own ids), for a TV episode.</param>
/// <param name="Anime">The anime, for an anime episode or movie.</param>
/// <param name="Episode">The episode within the show or anime.</param>
public sealed record ScrobbleRequest(
    double Progress,
    SimklMediaObject? Movie = null,
    SimklMediaObject? Show = null,
    SimklMediaObject? Anime = null,
    SimklEpisodeNumber? Episode = null);
