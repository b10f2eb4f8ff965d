using System;
using System.IO;
using System.Text.Json.Nodes;
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

        await store.MarkBrokenAsync(userId, new SimklToken("t1"), CancellationToken.None);
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

    [Fact]
    public async Task A_locked_file_is_read_again_later_and_never_unlinks_anyone()
    {
        var userId = Guid.NewGuid();
        using (var store = Create())
        {
            await store.LinkAsync(userId, new SimklToken("keep-me"), "alice", CancellationToken.None);
        }

        using var restarted = Create();
        var locked = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var whileLocked = restarted.IsTracking(userId);
        var writeWhileLocked = await Record.ExceptionAsync(() => restarted.LinkAsync(Guid.NewGuid(), new SimklToken("other"), null, CancellationToken.None));
        await locked.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(whileLocked);
        Assert.IsAssignableFrom<IOException>(writeWhileLocked);
        Assert.True(restarted.IsTracking(userId));
        Assert.Equal("keep-me", restarted.Find(userId)!.Token.Value);
        Assert.Empty(Directory.GetFiles(_data.Path, FileSimklAccountStore.FileName + ".unreadable-*"));
    }

    [Fact]
    public async Task When_a_locked_file_can_be_read_again_the_linked_users_are_announced_without_waiting_for_a_playback()
    {
        var userId = Guid.NewGuid();
        using (var store = Create())
        {
            await store.LinkAsync(userId, new SimklToken("keep-me"), "alice", CancellationToken.None);
        }

        using var restarted = Create();
        var announced = new System.Collections.Concurrent.ConcurrentQueue<SimklAccountChangedEventArgs>();
        restarted.AccountChanged += (_, e) => announced.Enqueue(e);
        var locked = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.False(restarted.IsTracking(userId));
        await locked.DisposeAsync();

        // Nothing asks the store again: it reads the file again by itself, and says who is tracked now (the outbox
        // replayer wakes on that for the watches waiting for these users).
        _time.Advance(TimeSpan.FromMinutes(1));

        var change = Assert.Single(announced);
        Assert.Equal((userId, true), (change.UserId, change.IsTracking));
    }

    [Fact]
    public async Task One_bad_account_is_set_aside_alone_and_the_others_stay_linked()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        using (var store = Create())
        {
            await store.LinkAsync(alice, new SimklToken("alice-token"), "alice", CancellationToken.None);
            await store.LinkAsync(bob, new SimklToken("bob-token"), "bob", CancellationToken.None);
        }

        var file = JsonNode.Parse(await File.ReadAllTextAsync(FilePath))!;
        var accounts = file["accounts"]!.AsArray();
        var bad = accounts[0]!.DeepClone();
        bad["userId"] = "not-a-user-id";
        accounts.Add(bad);
        await File.WriteAllTextAsync(FilePath, file.ToJsonString());

        using var restarted = Create();
        var (aliceLinked, bobLinked) = (restarted.IsTracking(alice), restarted.IsTracking(bob));
        await restarted.LinkAsync(Guid.NewGuid(), new SimklToken("carol-token"), "carol", CancellationToken.None);

        Assert.True(aliceLinked && bobLinked);
        Assert.Equal(3, Create().GetAll().Count);
        var aside = Assert.Single(Directory.GetFiles(_data.Path, FileSimklAccountStore.FileName + ".rejected-*"));
        Assert.Contains("not-a-user-id", await File.ReadAllTextAsync(aside), StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("set aside", StringComparison.Ordinal));
        Assert.DoesNotContain("alice-token", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftover_temporary_files_of_interrupted_writes_are_removed_at_start()
    {
        var leftover = Path.Combine(_data.Path, "." + FileSimklAccountStore.FileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(leftover, "{\"version\":1,\"accounts\":[{\"accessToken\":\"half-written");

        using var store = Create();
        store.GetAll();

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task A_401_for_an_old_token_never_breaks_the_link_made_since()
    {
        var userId = Guid.NewGuid();
        using var store = Create();
        await store.LinkAsync(userId, new SimklToken("old"), "alice", CancellationToken.None);
        await store.LinkAsync(userId, new SimklToken("new"), "alice", CancellationToken.None);

        await store.MarkBrokenAsync(userId, new SimklToken("old"), CancellationToken.None);
        var afterOld = store.IsTracking(userId);
        await store.MarkBrokenAsync(userId, new SimklToken("new"), CancellationToken.None);

        Assert.True(afterOld);
        Assert.False(store.IsTracking(userId));
    }

    [Fact]
    public async Task The_simkl_account_id_is_kept_with_the_link_and_every_token_made_from_it_carries_it()
    {
        var userId = Guid.NewGuid();
        using (var store = Create())
        {
            await store.LinkAsync(userId, new SimklToken("token"), "alice", 4242, CancellationToken.None);
            Assert.Equal("4242", store.Find(userId)!.Token.AccountKey);
        }

        using var restarted = Create();
        var link = restarted.Find(userId)!;

        Assert.Equal(4242, link.SimklAccountId);
        Assert.Equal("4242", link.Token.AccountKey);
    }

    private FileSimklAccountStore Create()
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(_logs));
        return new FileSimklAccountStore(_configuration, _time, factory.CreateLogger<FileSimklAccountStore>());
    }
}
