namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What <c>POST /search/file</c> recognised.
/// </summary>
/// <param name="Type"><c>movie</c>, <c>show</c> (the show only) or <c>episode</c> (show and episode).</param>
/// <param name="Movie">The movie, for <c>movie</c>.</param>
/// <param name="Show">The show, for <c>show</c> and <c>episode</c>.</param>
/// <param name="Episode">The episode, for <c>episode</c>.</param>
public sealed record FileMatch(string Type, SimklMediaObject? Movie, SimklMediaObject? Show, FileMatchEpisode? Episode);
