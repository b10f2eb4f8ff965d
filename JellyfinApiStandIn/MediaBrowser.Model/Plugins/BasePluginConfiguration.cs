namespace MediaBrowser.Model.Plugins;

public class BasePluginConfiguration
{
}
