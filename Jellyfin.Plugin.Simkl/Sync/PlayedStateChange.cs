using System;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>A user marked an item played or unplayed in Jellyfin (any client), as the Jellyfin layer hands it over.</summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="Item">The item, in our own terms.</param>
/// <param name="Played">True for "mark played", false for "mark unplayed".</param>
/// <param name="LastPlayed">The last played date Jellyfin saved with it, if any.</param>
/// <param name="Time">When the change was seen.</param>
internal sealed record PlayedStateChange(Guid UserId, TrackedItem Item, bool Played, DateTimeOffset? LastPlayed, DateTimeOffset Time);
