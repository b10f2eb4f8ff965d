namespace MediaBrowser.Model.Entities;

// The numbers are Jellyfin's own and have gaps: callers compile them in, so each must match exactly.
public enum MetadataProvider
{
    Custom = 0,
    Imdb = 2,
    Tmdb = 3,
    Tvdb = 4,
    Tvcom = 5,
    TmdbCollection = 7,
    MusicBrainzAlbum = 8,
    MusicBrainzAlbumArtist = 9,
    MusicBrainzArtist = 10,
    MusicBrainzReleaseGroup = 11,
    Zap2It = 12,
    TvRage = 15,
    AudioDbArtist = 16,
    AudioDbAlbum = 17,
    MusicBrainzTrack = 18,
    TvMaze = 19,
    MusicBrainzRecording = 20,
}
