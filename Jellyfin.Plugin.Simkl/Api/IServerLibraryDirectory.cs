using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The libraries of the server.
/// </summary>
public interface IServerLibraryDirectory
{
    /// <summary>Gets every library, by name.</summary>
    /// <returns>The libraries.</returns>
    IReadOnlyList<ServerLibrary> GetLibraries();
}
