namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>A watched episode of an all-items entry; <c>watched_at</c> comes with <c>episode_watched_at=yes</c>.</summary>
internal sealed record AllItemsWireEpisode(int? Number, string? WatchedAt);
