using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>The server's libraries.</summary>
public interface ILibraryDirectory
{
    /// <summary>Lists the libraries.</summary>
    /// <returns>The libraries, by name.</returns>
    IReadOnlyList<LibraryInfo> GetLibraries();
}
