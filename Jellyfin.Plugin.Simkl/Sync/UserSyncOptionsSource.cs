using System;
using System.Linq;
using Jellyfin.Plugin.Simkl.Configuration;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Reads the history-sync switches from the user's entry in the plugin configuration.</summary>
internal sealed class UserSyncOptionsSource : IUserSyncOptionsSource
{
    private readonly IPluginConfigurationStore _store;

    public UserSyncOptionsSource(IPluginConfigurationStore store) => _store = store;

    public UserSyncOptions Get(Guid userId)
    {
        var user = (_store.Current.Users ?? []).FirstOrDefault(u => u.UserId == userId);
        return user is null
            ? UserSyncOptions.Off
            : new UserSyncOptions(user.ExportHistory, user.ImportHistory, user.FollowMarkPlayed, user.FollowMarkPlayed && user.AllowUnmark);
    }
}
