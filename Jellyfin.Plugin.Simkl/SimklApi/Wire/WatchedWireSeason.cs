using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record WatchedWireSeason(int? Number, IReadOnlyList<WatchedWireEpisode>? Episodes);
