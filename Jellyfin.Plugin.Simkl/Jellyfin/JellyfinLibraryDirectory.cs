using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Configuration;
using MediaBrowser.Controller.Library;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>Lists the server's libraries (its virtual folders).</summary>
internal sealed class JellyfinLibraryDirectory : ILibraryDirectory
{
    private readonly ILibraryManager _library;

    public JellyfinLibraryDirectory(ILibraryManager library) => _library = library;

    public IReadOnlyList<LibraryInfo> GetLibraries()
        => _library.GetVirtualFolders()
            .Select(f => Guid.TryParse(f.ItemId, out var id) ? new LibraryInfo(id, f.Name ?? id.ToString("N")) : null)
            .OfType<LibraryInfo>()
            .OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
