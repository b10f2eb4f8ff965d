using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record HistoryWireItem(SimklIds? Ids);
