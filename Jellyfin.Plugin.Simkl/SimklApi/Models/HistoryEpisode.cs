using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// An episode in a history request.
/// </summary>
/// <param name="Number">The episode number.</param>
/// <param name="WatchedAt">When it was watched (sent in UTC).</param>
public sealed record HistoryEpisode(int Number, DateTimeOffset WatchedAt);
