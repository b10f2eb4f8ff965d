using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The users of the server.
/// </summary>
public interface IServerUserDirectory
{
    /// <summary>Gets every user, by name.</summary>
    /// <returns>The users.</returns>
    IReadOnlyList<ServerUser> GetUsers();

    /// <summary>Finds a user.</summary>
    /// <param name="userId">The user's id.</param>
    /// <returns>The user, or null when there is no such user.</returns>
    ServerUser? Find(Guid userId);
}
