using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record FileMatchWireResponse(string? Type, SimklMediaObject? Movie, SimklMediaObject? Show, SimklMediaObject? Anime, FileMatchWireEpisode? Episode);
