using System;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>A Jellyfin user as the plugin needs to know them.</summary>
/// <param name="Id">The Jellyfin user id.</param>
/// <param name="Name">The user name.</param>
public sealed record DirectoryUser(Guid Id, string Name);
