using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Accounts;

public sealed class FileSimklAccountStoreTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly IPluginConfigurationStore _configuration = Substitute.For<IPluginConfigurationStore>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider _logs = new();

    public FileSimklAccountStoreTests()
    {
        _configuration.DataFolderPath.Returns(_data.Path);
        _configuration.Current.Returns(new PluginConfiguration());
    }

    private string FilePath => Path.Combine(_data.Path, FileSimklAccountStore.FileName);

    public void Dispose()
    {
        _logs.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_link_survives_a_restart_and_lives_in_the_data_folder_not_the_configuration()
    {
        var userId = Guid.NewGuid();
        using (var store = Create())
        {
            await store.LinkAsync(userId, new SimklToken("secret-token-1"), "alice", CancellationToken.None);
        }

        using var restarted = Create();
        var link = restarted.Find(userId)!;

        Assert.Equal(("secret-token-1", "alice", false), (link.Token.Value, link.SimklUserName, link.IsBroken));
        Assert.True(restarted.IsTracking(userId));
        Assert.Contains("secret-token-1", await File.ReadAllTextAsync(FilePath), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-1", System.Text.Json.JsonSerializer.Serialize(_configuration.Current), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        }

        Assert.Empty(Directory.GetFiles(_data.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_broken_link_stops_tracking_raises_a_change_and_relinking_mends_it()
    {
        var userId = Guid.NewGuid();
        using var store = Create();
        await store.LinkAsync(userId, new SimklToken("t1"), "alice", CancellationToken.None);
        SimklAccountChangedEventArgs? change = null;
        store.AccountChanged += (_, e) => change = e;

        await store.MarkBrokenAsync(userId, CancellationToken.None);
        var broken = (store.IsTracking(userId), store.Find(userId)!.IsBroken, change!.IsTracking);
        await store.LinkAsync(userId, new SimklToken("t2"), "alice", CancellationToken.None);

        Assert.Equal((false, true, false), broken);
        Assert.True(store.IsTracking(userId));
        Assert.True(change.IsTracking);
        Assert.Equal("t2", store.Find(userId)!.Token.Value);
    }

    [Fact]
    public async Task Unlinking_forgets_the_token_on_disk_too()
    {
        var userId = Guid.NewGuid();
        using var store = Create();
        await store.LinkAsync(userId, new SimklToken("forget-me"), null, CancellationToken.None);

        await store.UnlinkAsync(userId, CancellationToken.None);

        Assert.Null(store.Find(userId));
        Assert.DoesNotContain("forget-me", await File.ReadAllTextAsync(FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_is_kept_aside_reported_and_the_store_still_works()
    {
        await File.WriteAllTextAsync(FilePath, "{\"version\":1,\"accounts\":[{\"userId\":");
        using var store = Create();

        var all = store.GetAll();
        await store.LinkAsync(Guid.NewGuid(), new SimklToken("new"), null, CancellationToken.None);

        Assert.Empty(all);
        Assert.Single(Directory.GetFiles(_data.Path, FileSimklAccountStore.FileName + ".unreadable-*"));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("could not be read", StringComparison.Ordinal));
        Assert.Single(Create().GetAll());
    }

    private FileSimklAccountStore Create()
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new FileSimklAccountStore(_configuration, _time, factory.CreateLogger<FileSimklAccountStore>());
    }
}
