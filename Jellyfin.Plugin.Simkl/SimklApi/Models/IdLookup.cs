namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A query of <c>GET /search/id</c>: one external id.
/// </summary>
/// <param name="Key">The id name: <c>imdb</c>, <c>tmdb</c>, <c>tvdb</c>, <c>anidb</c>, <c>mal</c>, <c>anilist</c>, ...</param>
/// <param name="Value">The id.</param>
/// <param name="Type"><c>movie</c> or <c>show</c>; needed with <c>tmdb</c>, whose ids repeat across types.</param>
public sealed record IdLookup(string Key, string Value, string? Type = null);
