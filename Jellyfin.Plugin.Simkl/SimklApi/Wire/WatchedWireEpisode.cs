using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record WatchedWireEpisode(int? Number, bool? Watched, DateTimeOffset? LastWatchedAt);
