using System;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>A library of the server, for the per-user exclusion and anime choices.</summary>
/// <param name="Id">The library's id.</param>
/// <param name="Name">The library's name.</param>
public sealed record LibraryInfo(Guid Id, string Name);
