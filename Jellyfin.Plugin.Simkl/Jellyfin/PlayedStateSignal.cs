using System;
using MediaBrowser.Controller.Entities;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>What the <c>UserDataSaved</c> handler copies out of Jellyfin's event for a user's "mark (un)played".</summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="Item">The movie or episode, mapped later on the background loop.</param>
/// <param name="Played">True for "mark played", false for "mark unplayed".</param>
/// <param name="LastPlayed">The last played date Jellyfin saved, if any.</param>
/// <param name="Time">When the event was raised.</param>
internal readonly record struct PlayedStateSignal(Guid UserId, BaseItem Item, bool Played, DateTime? LastPlayed, DateTimeOffset Time);
