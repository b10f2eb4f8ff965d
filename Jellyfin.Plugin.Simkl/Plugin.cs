using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.Configuration;
using MediaBrowser.Common.Configuration;
using MediaBrowser.Common.Plugins;
using MediaBrowser.Model.Plugins;
using MediaBrowser.Model.Serialization;

namespace Jellyfin.Plugin.Simkl;

/// <summary>
/// The Simkl Scrobbler plugin: its identity, configuration and configuration page.
/// </summary>
public class Plugin : BasePlugin<PluginConfiguration>, IHasWebPages
{
    /// <summary>The plugin's identity in the server and in plugin catalogs.</summary>
    public const string PluginGuid = "07fcac60-2254-466d-9880-3ba5ed8b9def";

    /// <summary>The name shown on the dashboard.</summary>
    public const string PluginName = "Simkl Scrobbler";

    /// <summary>The name of the configuration page; the page's JavaScript module is named after it.</summary>
    public const string ConfigurationPageName = "SimklScrobbler";

    /// <summary>
    /// Initializes a new instance of the <see cref="Plugin"/> class. The server creates it after building its
    /// container and injects <paramref name="configurationStore"/> from it.
    /// </summary>
    /// <param name="applicationPaths">The server's paths.</param>
    /// <param name="xmlSerializer">The server's XML serializer.</param>
    /// <param name="configurationStore">The store through which the plugin's services reach this instance.</param>
    public Plugin(IApplicationPaths applicationPaths, IXmlSerializer xmlSerializer, PluginConfigurationStore configurationStore)
        : base(applicationPaths, xmlSerializer)
    {
        ArgumentNullException.ThrowIfNull(configurationStore);
        configurationStore.Attach(this);
    }

    /// <inheritdoc />
    public override string Name => PluginName;

    /// <inheritdoc />
    public override Guid Id => Guid.Parse(PluginGuid);

    /// <inheritdoc />
    public override string Description => "Records what your users watch on Simkl, automatically.";

    /// <inheritdoc />
    public IEnumerable<PluginPageInfo> GetPages()
    {
        var prefix = GetType().Namespace + ".Configuration.";
        return
        [
            new PluginPageInfo
            {
                Name = ConfigurationPageName,
                DisplayName = PluginName,
                EmbeddedResourcePath = prefix + "configPage.html",
            },
            new PluginPageInfo
            {
                Name = ConfigurationPageName + ".js",
                EmbeddedResourcePath = prefix + "configPage.js",
            },
        ];
    }
}
