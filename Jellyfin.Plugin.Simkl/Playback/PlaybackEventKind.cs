namespace Jellyfin.Plugin.Simkl.Playback;

internal enum PlaybackEventKind
{
    Start = 0,
    Progress,
    Stop,
}
