using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>The server's users, without tying the plugin to one version of Jellyfin's user API.</summary>
public interface IUserDirectory
{
    /// <summary>Lists every user, by name.</summary>
    /// <returns>The users.</returns>
    IReadOnlyList<DirectoryUser> GetUsers();

    /// <summary>Finds one user.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <returns>The user, or null when there is none with that id.</returns>
    DirectoryUser? Find(Guid userId);
}
