using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Api;
using MediaBrowser.Controller.Library;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Lists the server's libraries (its virtual folders) through <see cref="ILibraryManager"/>.
/// </summary>
public sealed class JellyfinLibraryDirectory : IServerLibraryDirectory
{
    private readonly ILibraryManager _libraryManager;

    /// <summary>Initializes a new instance of the <see cref="JellyfinLibraryDirectory"/> class.</summary>
    /// <param name="libraryManager">The server's library manager.</param>
    public JellyfinLibraryDirectory(ILibraryManager libraryManager) => _libraryManager = libraryManager;

    /// <inheritdoc />
    public IReadOnlyList<ServerLibrary> GetLibraries()
        => _libraryManager.GetVirtualFolders()
            .Select(folder => Guid.TryParse(folder.ItemId, out var id) && id != Guid.Empty ? new ServerLibrary(id, folder.Name ?? id.ToString("N")) : null)
            .OfType<ServerLibrary>()
            .OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
}
