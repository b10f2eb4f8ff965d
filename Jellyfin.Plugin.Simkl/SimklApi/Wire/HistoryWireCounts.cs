namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record HistoryWireCounts(int? Movies, int? Shows, int? Episodes);
