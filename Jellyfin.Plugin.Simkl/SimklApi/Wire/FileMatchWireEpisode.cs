using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>Note the number is <c>episode.episode</c> here, not <c>episode.number</c> as elsewhere.</summary>
internal sealed record FileMatchWireEpisode(string? Title, int? Season, int? Episode, SimklIds? Ids);
