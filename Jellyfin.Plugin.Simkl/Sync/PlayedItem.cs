using System;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>A movie or episode a Jellyfin user has played, in our own terms, with when it was last played.</summary>
/// <param name="Item">The item (for an episode: the series' title, year and ids, with the library's numbering).</param>
/// <param name="LastPlayed">When Jellyfin says it was last played; null when Jellyfin never recorded a date.</param>
internal sealed record PlayedItem(TrackedItem Item, DateTimeOffset? LastPlayed);
