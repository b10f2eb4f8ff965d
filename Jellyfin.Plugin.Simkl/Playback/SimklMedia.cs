using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>What Simkl is told about an item: a movie, or a show/anime with the library's season and episode numbers.</summary>
internal sealed record SimklMedia(SimklMediaKind Kind, SimklMediaObject Media, int? Season = null, int? Episode = null, int? LastEpisode = null);
