namespace MediaBrowser.Model.Entities;

// Lower-case member names are Jellyfin's own (they are serialized as-is).
public enum CollectionTypeOptions
{
    movies = 0,
    tvshows = 1,
    music = 2,
    musicvideos = 3,
    homevideos = 4,
    boxsets = 5,
    books = 6,
    mixed = 7,
}
