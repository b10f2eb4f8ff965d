#nullable disable

using System;
using System.IO;
using System.Runtime.InteropServices;
using MediaBrowser.Common.Configuration;
using MediaBrowser.Model.Plugins;
using MediaBrowser.Model.Serialization;

namespace MediaBrowser.Common.Plugins;

public abstract class BasePlugin<TConfigurationType> : BasePlugin
    where TConfigurationType : BasePluginConfiguration
{
    private readonly object _configurationLock = new();
    private TConfigurationType _configuration;

    protected BasePlugin(IApplicationPaths applicationPaths, IXmlSerializer xmlSerializer)
    {
        ApplicationPaths = applicationPaths;
        XmlSerializer = xmlSerializer;

        var assembly = GetType().Assembly;
        var assemblyFilePath = assembly.Location;
        SetAttributes(
            assemblyFilePath,
            Path.Combine(applicationPaths.PluginsPath, Path.GetFileNameWithoutExtension(assemblyFilePath)),
            assembly.GetName().Version);

        if (Attribute.GetCustomAttribute(assembly, typeof(GuidAttribute)) is GuidAttribute guid)
        {
            SetId(new Guid(guid.Value));
        }
    }

    public EventHandler<BasePluginConfiguration> ConfigurationChanged { get; set; }

    public Type ConfigurationType => typeof(TConfigurationType);

    public TConfigurationType Configuration
    {
        get
        {
            lock (_configurationLock)
            {
                return _configuration ??= LoadConfiguration();
            }
        }

        protected set => _configuration = value;
    }

    public virtual string ConfigurationFileName => Path.ChangeExtension(Path.GetFileName(AssemblyFilePath), ".xml");

    public string ConfigurationFilePath => Path.Combine(ApplicationPaths.PluginConfigurationsPath, ConfigurationFileName);

    protected IApplicationPaths ApplicationPaths { get; private set; }

    protected IXmlSerializer XmlSerializer { get; private set; }

    public virtual void SaveConfiguration(TConfigurationType config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigurationFilePath));
        XmlSerializer.SerializeToFile(config, ConfigurationFilePath);
    }

    public virtual void SaveConfiguration()
    {
        SaveConfiguration(Configuration);
    }

    public virtual void UpdateConfiguration(BasePluginConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = (TConfigurationType)configuration;
        SaveConfiguration(Configuration);
        ConfigurationChanged?.Invoke(this, configuration);
    }

    private TConfigurationType LoadConfiguration()
    {
        try
        {
            if (XmlSerializer.DeserializeFromFile(typeof(TConfigurationType), ConfigurationFilePath) is TConfigurationType loaded)
            {
                return loaded;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // A missing or unreadable file means defaults, as on the server.
        }

        var config = Activator.CreateInstance<TConfigurationType>();
        SaveConfiguration(config);
        return config;
    }
}
