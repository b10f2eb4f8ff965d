namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Where the Jellyfin layer hands "mark played" / "mark unplayed" changes. Jellyfin raises them on the request thread,
/// so <see cref="Offer"/> must only hand off: no I/O, no waiting, never throws.
/// </summary>
internal interface IPlayedStateChangeSink
{
    /// <summary>Hands one change over for the background sync loop.</summary>
    /// <param name="change">The change.</param>
    void Offer(PlayedStateChange change);
}
