#nullable disable

using System;

namespace MediaBrowser.Common.Plugins;

public abstract class BasePlugin
{
    public abstract string Name { get; }

    public virtual string Description => string.Empty;

    public virtual Guid Id { get; private set; }

    public Version Version { get; private set; }

    public string AssemblyFilePath { get; private set; }

    public string DataFolderPath { get; private set; }

    public void SetAttributes(string assemblyFilePath, string dataFolderPath, Version assemblyVersion)
    {
        AssemblyFilePath = assemblyFilePath;
        DataFolderPath = dataFolderPath;
        Version = assemblyVersion;
    }

    public void SetId(Guid assemblyId)
    {
        Id = assemblyId;
    }
}
