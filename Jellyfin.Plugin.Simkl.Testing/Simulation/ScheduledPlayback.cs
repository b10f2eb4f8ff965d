using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Session;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>A plan played by a user on an item, starting at a given second of the simulation.</summary>
public sealed record ScheduledPlayback(PlaybackPlan Plan, User User, BaseItem Item, SessionInfo Session, int StartSecond, string ItemKey)
{
    public int EndSecond => StartSecond + Plan.LengthSeconds;
}
