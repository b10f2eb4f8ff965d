namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// One result of <c>GET /search/id</c>.
/// </summary>
/// <param name="Type">What Simkl calls it: <c>movie</c>, <c>tv</c>, <c>anime</c>.</param>
/// <param name="Title">The title.</param>
/// <param name="Year">The year.</param>
/// <param name="Ids">The ids, <c>simkl</c> included.</param>
public sealed record IdSearchHit(string? Type, string? Title, int? Year, SimklIds Ids);
