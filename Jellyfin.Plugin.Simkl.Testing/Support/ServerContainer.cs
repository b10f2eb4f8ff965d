using System;
using System.Collections.Generic;
using System.IO;
using MediaBrowser.Common.Configuration;
using MediaBrowser.Controller;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Support;

/// <summary>
/// Builds the container the way Jellyfin does for a plugin: the server's own services first, then the plugin's
/// registrator, then the container, and only then the plugin instance (created with ActivatorUtilities).
/// </summary>
public sealed class ServerContainer : IDisposable
{
    private readonly TemporaryDirectory _directory;
    private readonly bool _ownsDirectory;
    private ServiceProvider? _provider;

    public ServerContainer()
        : this(null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ServerContainer"/> class on an existing data folder: a server restart.</summary>
    public ServerContainer(TemporaryDirectory? dataRoot)
    {
        _ownsDirectory = dataRoot is null;
        _directory = dataRoot ?? new TemporaryDirectory();
        Paths = ApplicationPathsUnder.Create(_directory.Path);

        ApplicationHost = Substitute.For<IServerApplicationHost>();
        ApplicationHost.Name.Returns("Jellyfin Server");
        ApplicationHost.ApplicationVersion.Returns(new Version(10, 11, 11));
        ApplicationHost.ApplicationVersionString.Returns("10.11.11");
        ApplicationHost.ApplicationUserAgent.Returns("Jellyfin-Server/10.11.11");
        ApplicationHost.FriendlyName.Returns("Test server");

        Services.AddLogging(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Services.AddSingleton(Paths);
        Services.AddSingleton<IXmlSerializer>(new XmlFileSerializer());
        Services.AddSingleton<IServerApplicationHost>(ApplicationHost);
        Services.AddSingleton(SessionManager);
        Services.AddSingleton(LibraryManager);
        Services.AddSingleton(UserManager);
        Services.AddSingleton(UserDataManager);
    }

    public IServiceCollection Services { get; } = new ServiceCollection();

    public IApplicationPaths Paths { get; }

    public IServerApplicationHost ApplicationHost { get; }

    public ISessionManager SessionManager { get; } = Substitute.For<ISessionManager>();

    public ILibraryManager LibraryManager { get; } = Substitute.For<ILibraryManager>();

    public IUserManager UserManager { get; } = Substitute.For<IUserManager>();

    public IUserDataManager UserDataManager { get; } = Substitute.For<IUserDataManager>();

    public RecordingLoggerProvider Logs { get; } = new();

    public string RootPath => _directory.Path;

    public IServiceProvider Provider => _provider ?? throw new InvalidOperationException("Call Build first.");

    public Plugin? Plugin { get; private set; }

    public IEnumerable<ServiceDescriptor> Descriptors => Services;

    /// <summary>Runs the plugin's registrator, builds the container and creates the plugin, in the server's order.</summary>
    public ServerContainer Build(Action<IServiceCollection>? replaceServices = null)
    {
        new PluginServiceRegistrator().RegisterServices(Services, ApplicationHost);
        replaceServices?.Invoke(Services);
        _provider = Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Directory.CreateDirectory(Paths.PluginsPath);
        Plugin = ActivatorUtilities.CreateInstance<Plugin>(_provider);
        return this;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        Logs.Dispose();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }
}
