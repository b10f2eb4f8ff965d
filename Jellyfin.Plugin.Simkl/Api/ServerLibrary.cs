using System;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// A library of the Jellyfin server, which a user may exclude from tracking or mark as anime.
/// </summary>
/// <param name="Id">The library's id.</param>
/// <param name="Name">The library's name.</param>
public sealed record ServerLibrary(Guid Id, string Name);
