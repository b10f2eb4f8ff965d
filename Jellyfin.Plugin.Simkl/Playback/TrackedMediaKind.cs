namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>What a library item is, as far as tracking goes.</summary>
internal enum TrackedMediaKind
{
    Movie = 0,
    Episode,
}
