using System;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// What one Simkl history entry is for one user: the versions of a movie (or of an episode) carry the same ids and
/// numbers, so Jellyfin 12's per-version events for one "mark played" share an identity. Items without any id are
/// only ever the same as themselves.
/// </summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="Kind">Movie or episode.</param>
/// <param name="Ids">The movie's or the series' ids; null when there are none.</param>
/// <param name="Season">The season, for an episode.</param>
/// <param name="Episode">The episode number, for an episode.</param>
/// <param name="ItemId">The item itself, only when there are no ids.</param>
internal readonly record struct PlayedStateIdentity(Guid UserId, TrackedMediaKind Kind, SimklIds? Ids, int? Season, int? Episode, Guid ItemId)
{
    public static PlayedStateIdentity Of(Guid userId, TrackedItem item)
        => item.Ids.IsEmpty
            ? new PlayedStateIdentity(userId, item.Kind, null, item.Season, item.Episode, item.ItemId)
            : new PlayedStateIdentity(userId, item.Kind, item.Ids, item.Season, item.Episode, Guid.Empty);
}
