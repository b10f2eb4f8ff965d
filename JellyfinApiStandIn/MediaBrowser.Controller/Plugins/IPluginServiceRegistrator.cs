using Microsoft.Extensions.DependencyInjection;

namespace MediaBrowser.Controller.Plugins;

public interface IPluginServiceRegistrator
{
    void RegisterServices(IServiceCollection serviceCollection, IServerApplicationHost applicationHost);
}
