using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>One episode in a <see cref="WatchedStatus"/>.</summary>
/// <param name="Season">The season (anime come back under season 1).</param>
/// <param name="Number">The episode number.</param>
/// <param name="Watched">Whether the user has watched it.</param>
/// <param name="LastWatchedAt">When they last watched it, when Simkl said.</param>
public sealed record WatchedEpisode(int Season, int Number, bool Watched, DateTimeOffset? LastWatchedAt);
