using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record HistoryWireNotFound(IReadOnlyList<HistoryWireItem>? Movies, IReadOnlyList<HistoryWireItem>? Shows, IReadOnlyList<HistoryWireItem>? Episodes);
