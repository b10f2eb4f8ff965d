using System;
using System.Collections.Generic;
using System.Reflection;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Library;

namespace Jellyfin.Plugin.Simkl.Benchmarks.HotPath;

/// <summary>
/// A library manager that knows one series and one library, built as a proxy so it fits whatever shape the Jellyfin API
/// has, and records nothing (a mocking library would record every call and be what the benchmark measures).
/// </summary>
public class LibraryManagerProxy : DispatchProxy
{
    private MediaBrowser.Controller.Entities.TV.Series? _series;
    private List<Folder> _libraries = [];

    public static ILibraryManager Create(MediaBrowser.Controller.Entities.TV.Series series, Folder library)
    {
        var proxy = Create<ILibraryManager, LibraryManagerProxy>();
        var self = (LibraryManagerProxy)(object)proxy;
        self._series = series;
        self._libraries = [library];
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(ILibraryManager.GetItemById) when args?[0] is Guid id && id == _series?.Id => _series,
        nameof(ILibraryManager.GetItemById) => null,
        nameof(ILibraryManager.GetCollectionFolders) => _libraries,
        _ => throw new NotSupportedException(targetMethod?.Name),
    };
}
