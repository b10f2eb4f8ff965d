using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A movie in a history request.
/// </summary>
/// <param name="Title">The title.</param>
/// <param name="Year">The year.</param>
/// <param name="Ids">The ids.</param>
/// <param name="WatchedAt">When it was watched (sent in UTC).</param>
public sealed record HistoryMovie(string? Title, int? Year, SimklIds Ids, DateTimeOffset WatchedAt);
