namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>One user's history-sync choices. Everything is off until the user (or an administrator) turns it on.</summary>
/// <param name="ExportEnabled">Send the user's Jellyfin watch history to Simkl.</param>
/// <param name="ImportEnabled">Mark items played in Jellyfin from the user's Simkl history.</param>
/// <param name="FollowMarkPlayed">Send "mark played" in Jellyfin to Simkl's history.</param>
/// <param name="AllowUnmark">Let "mark unplayed" in Jellyfin remove the watch from Simkl's history.</param>
public sealed record UserSyncOptions(bool ExportEnabled, bool ImportEnabled, bool FollowMarkPlayed, bool AllowUnmark)
{
    /// <summary>Gets the options of a user who chose nothing: no history sync.</summary>
    public static UserSyncOptions Off { get; } = new(false, false, false, false);
}
