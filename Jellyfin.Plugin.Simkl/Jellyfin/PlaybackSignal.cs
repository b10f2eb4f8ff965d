using System;
using Jellyfin.Plugin.Simkl.Playback;
using MediaBrowser.Controller.Entities;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// What a playback event handler copies out of Jellyfin's event on the request thread: a small value, no allocation,
/// no lookups. Everything else happens on the background loop.
/// </summary>
internal readonly record struct PlaybackSignal(
    PlaybackEventKind Kind,
    BaseItem Item,
    string SessionId,
    Guid UserId,
    long? PositionTicks,
    bool IsPaused,
    DateTimeOffset Time);
