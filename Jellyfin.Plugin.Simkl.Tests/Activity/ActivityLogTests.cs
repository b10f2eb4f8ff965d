using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Activity;

public sealed class ActivityLogTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly IPluginConfigurationStore _configuration = Substitute.For<IPluginConfigurationStore>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));

    public ActivityLogTests() => _configuration.DataFolderPath.Returns(_data.Path);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task It_keeps_the_last_50_events_per_user_newest_first_and_across_a_restart()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var log = Create();
        for (var i = 0; i < 60; i++)
        {
            log.Record(new ActivityEntry(alice, _time.GetUtcNow().AddMinutes(i), "Item " + i, ActivityAction.Start, ActivityOutcome.Succeeded));
        }

        log.Record(new ActivityEntry(bob, _time.GetUtcNow(), "Bob's", ActivityAction.Stop, ActivityOutcome.Failed, "Simkl failed"));
        await log.PendingSave;

        var recent = log.GetRecent(alice);
        var afterRestart = Create().GetRecent(alice);

        Assert.Equal(50, recent.Count);
        Assert.Equal("Item 59", recent[0].ItemName);
        Assert.Equal("Item 10", recent[^1].ItemName);
        Assert.Equal(recent.Select(e => e.ItemName), afterRestart.Select(e => e.ItemName));
        Assert.Equal("Simkl failed", Assert.Single(Create().GetRecent(bob)).Reason);
    }

    [Fact]
    public void The_last_entry_is_saved_when_the_server_shuts_down()
    {
        var alice = Guid.NewGuid();
        var log = Create();
        log.Record(new ActivityEntry(alice, _time.GetUtcNow(), "Heat", ActivityAction.Stop, ActivityOutcome.Succeeded));

        log.Dispose();

        Assert.Equal("Heat", Assert.Single(Create().GetRecent(alice)).ItemName);
    }

    [Fact]
    public async Task A_save_that_fails_is_logged_and_the_next_one_still_lands()
    {
        var alice = Guid.NewGuid();
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var log = new ActivityLog(_configuration, _time, factory.CreateLogger<ActivityLog>());
        var blocker = Path.Combine(_data.Path, ActivityLog.FileName);
        Directory.CreateDirectory(Path.Combine(blocker, "in-the-way"));

        log.Record(new ActivityEntry(alice, _time.GetUtcNow(), "First", ActivityAction.Stop, ActivityOutcome.Succeeded));
        await log.PendingSave;
        Directory.Delete(blocker, recursive: true);
        log.Record(new ActivityEntry(alice, _time.GetUtcNow(), "Second", ActivityAction.Stop, ActivityOutcome.Succeeded));
        await log.PendingSave;

        Assert.Contains(logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("could not be saved", StringComparison.Ordinal));
        Assert.Equal(["Second", "First"], Create().GetRecent(alice).Select(e => e.ItemName));
    }

    private ActivityLog Create() => new(_configuration, _time, NullLogger<ActivityLog>.Instance);
}
