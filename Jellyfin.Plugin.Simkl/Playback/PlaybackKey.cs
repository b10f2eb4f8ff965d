using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>One playback: a session, an item and one of the session's users (a session can carry several).</summary>
internal readonly record struct PlaybackKey(string SessionId, Guid UserId, Guid ItemId)
{
    public override string ToString() => $"{SessionId}/{UserId:N}/{ItemId:N}";
}
