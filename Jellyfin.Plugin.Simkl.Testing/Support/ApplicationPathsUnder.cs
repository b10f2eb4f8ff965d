using System.IO;
using MediaBrowser.Common.Configuration;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Support;

/// <summary>The server's folders, laid out under one test folder the way Jellyfin lays them out under its data root.</summary>
public static class ApplicationPathsUnder
{
    public static IApplicationPaths Create(string root)
    {
        var paths = Substitute.For<IApplicationPaths>();
        paths.ProgramDataPath.Returns(root);
        paths.DataPath.Returns(Path.Combine(root, "data"));
        paths.PluginsPath.Returns(Path.Combine(root, "plugins"));
        paths.PluginConfigurationsPath.Returns(Path.Combine(root, "plugins", "configurations"));
        paths.CachePath.Returns(Path.Combine(root, "cache"));
        paths.TempDirectory.Returns(Path.Combine(root, "temp"));
        paths.LogDirectoryPath.Returns(Path.Combine(root, "log"));
        return paths;
    }
}
