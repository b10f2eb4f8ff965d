using System;
using System.Threading;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Model.Entities;

namespace MediaBrowser.Controller.Library;

// Only the members declared identically in 10.11.0, 10.11.11 and 12.0 (12 added batch and resume-version reads).
public interface IUserDataManager
{
    event EventHandler<UserDataSaveEventArgs>? UserDataSaved;

    void SaveUserData(User user, BaseItem item, UserItemData userData, UserDataSaveReason reason, CancellationToken cancellationToken);

    UserItemData? GetUserData(User user, BaseItem item);
}
