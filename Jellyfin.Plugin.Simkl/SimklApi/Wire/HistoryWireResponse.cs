namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record HistoryWireResponse(HistoryWireCounts? Added, HistoryWireNotFound? NotFound);
