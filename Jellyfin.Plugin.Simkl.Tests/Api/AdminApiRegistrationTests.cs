using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class AdminApiRegistrationTests
{
    [Fact]
    public void The_server_container_can_build_the_controller_on_the_real_jellyfin_services()
    {
        using var server = new ServerContainer().Build();

        var controller = ActivatorUtilities.CreateInstance<SimklController>(server.Provider);

        Assert.NotNull(controller);
        Assert.IsType<JellyfinUserDirectory>(server.Provider.GetRequiredService<IServerUserDirectory>());
        Assert.IsType<JellyfinLibraryDirectory>(server.Provider.GetRequiredService<IServerLibraryDirectory>());
        Assert.IsType<FileSimklAccountStore>(server.Provider.GetRequiredService<ISimklAccountStore>());
        Assert.IsType<FileActivityLog>(server.Provider.GetRequiredService<IActivityLog>());
        Assert.Same(server.Provider.GetRequiredService<PinLinkCoordinator>(), server.Provider.GetRequiredService<PinLinkCoordinator>());
    }
}
