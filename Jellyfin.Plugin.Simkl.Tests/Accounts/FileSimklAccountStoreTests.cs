using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Accounts;

public sealed class FileSimklAccountStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly IPluginConfigurationStore _configuration = Substitute.For<IPluginConfigurationStore>();

    public FileSimklAccountStoreTests()
    {
        _configuration.Current.Returns(new PluginConfiguration());
        _configuration.DataFolderPath.Returns(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_link_survives_a_restart_in_an_owner_only_file_outside_the_configuration()
    {
        var userId = Guid.NewGuid();
        using (var store = NewStore())
        {
            await store.LinkAsync(userId, new SimklToken("secret-token"), "Alice", CancellationToken.None);
        }

        using var restarted = NewStore();
        var link = restarted.Find(userId);
        Assert.NotNull(link);
        Assert.Equal("secret-token", link.Token.Value);
        Assert.True(restarted.IsTracking(userId));
        var path = Path.Combine(_folder.Path, FileSimklAccountStore.FileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_broken_link_stops_tracking_until_relinked()
    {
        var userId = Guid.NewGuid();
        using var store = NewStore();
        await store.LinkAsync(userId, new SimklToken("t1"), null, CancellationToken.None);

        await store.MarkBrokenAsync(userId, CancellationToken.None);
        Assert.False(store.IsTracking(userId));
        await store.LinkAsync(userId, new SimklToken("t2"), null, CancellationToken.None);

        Assert.True(store.IsTracking(userId));
    }

    [Fact]
    public async Task An_unreadable_file_is_kept_aside_not_overwritten()
    {
        var path = Path.Combine(_folder.Path, FileSimklAccountStore.FileName);
        await File.WriteAllTextAsync(path, "{ not json");
        using var store = NewStore();

        Assert.Empty(store.GetAll());
        Assert.Single(Directory.GetFiles(_folder.Path, FileSimklAccountStore.FileName + ".unreadable-*"));
    }

    private FileSimklAccountStore NewStore() => new(_configuration, TimeProvider.System, NullLogger<FileSimklAccountStore>.Instance);
}
