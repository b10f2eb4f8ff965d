using System;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// A user of the Jellyfin server, as the configuration page lists them.
/// </summary>
/// <param name="Id">The user's id.</param>
/// <param name="Name">The user's name.</param>
public sealed record ServerUser(Guid Id, string Name);
