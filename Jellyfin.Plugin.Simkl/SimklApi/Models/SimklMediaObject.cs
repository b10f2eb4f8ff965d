namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A movie, show or anime as Simkl's standard media object: title, year and every id known.
/// </summary>
/// <param name="Title">The title (helps Simkl match when ids are missing).</param>
/// <param name="Year">The year of release or first air date.</param>
/// <param name="Ids">The ids.</param>
public sealed record SimklMediaObject(string? Title, int? Year, SimklIds Ids);
