namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>The top-level key of a scrobble body.</summary>
internal enum SimklMediaKind
{
    Movie = 0,
    Show,
    Anime,
}
