using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>An episode in a user's Simkl history.</summary>
/// <param name="Season">The season (Simkl files anime episodes under season 1).</param>
/// <param name="Number">The episode number.</param>
/// <param name="WatchedAt">When it was watched, when Simkl said.</param>
internal sealed record SimklWatchedEpisode(int Season, int Number, DateTimeOffset? WatchedAt);
