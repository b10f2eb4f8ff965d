namespace MediaBrowser.Common.Configuration;

public interface IApplicationPaths
{
    string ProgramDataPath { get; }

    string DataPath { get; }

    string PluginsPath { get; }

    string PluginConfigurationsPath { get; }

    string LogDirectoryPath { get; }

    string CachePath { get; }

    string TempDirectory { get; }
}
