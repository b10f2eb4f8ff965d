using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Activity;

public sealed class FileActivityLogTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _folder = new();
    private readonly IPluginConfigurationStore _configuration = Substitute.For<IPluginConfigurationStore>();

    public FileActivityLogTests()
    {
        _configuration.Current.Returns(new PluginConfiguration());
        _configuration.DataFolderPath.Returns(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keeps_the_last_50_events_per_user_newest_first_across_a_restart()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        await using (var log = NewLog())
        {
            for (var i = 0; i < 60; i++)
            {
                log.Record(new ActivityEntry(alice, Start.AddMinutes(i), "Episode " + i, ActivityAction.Stop, ActivityOutcome.Succeeded));
            }

            log.Record(new ActivityEntry(bob, Start, "Heat (1995)", ActivityAction.Start, ActivityOutcome.Failed, "Simkl refused"));
            await log.FlushAsync();
        }

        await using var restarted = NewLog();
        var recent = restarted.GetRecent(alice);
        Assert.Equal(50, recent.Count);
        Assert.Equal("Episode 59", recent[0].ItemName);
        Assert.Equal("Episode 10", recent[^1].ItemName);
        var bobs = Assert.Single(restarted.GetRecent(bob));
        Assert.Equal("Simkl refused", bobs.Reason);
    }

    [Fact]
    public async Task Events_recorded_before_the_stored_ones_are_read_are_merged_above_them()
    {
        var alice = Guid.NewGuid();
        await using (var log = NewLog())
        {
            log.Record(new ActivityEntry(alice, Start, "Old", ActivityAction.Stop, ActivityOutcome.Succeeded));
            await log.FlushAsync();
        }

        await using var restarted = NewLog();
        restarted.Record(new ActivityEntry(alice, Start.AddHours(1), "New", ActivityAction.Start, ActivityOutcome.Succeeded));
        await restarted.FlushAsync();

        Assert.Equal(["New", "Old"], restarted.GetRecent(alice).Select(e => e.ItemName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Directory.GetFiles(Path.Combine(_folder.Path, FileActivityLog.FolderName)).Single()));
        }
    }

    private FileActivityLog NewLog() => new(_configuration, TimeProvider.System, NullLogger<FileActivityLog>.Instance);
}
