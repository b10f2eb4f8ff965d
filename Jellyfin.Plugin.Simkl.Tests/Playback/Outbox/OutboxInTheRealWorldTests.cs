using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>The whole plugin against the fake Simkl, with the disk and the server failing the way they really do.</summary>
public sealed class OutboxInTheRealWorldTests : IAsyncLifetime
{
    private TrackingHarness _harness = null!;

    private string DataFolder => _harness.Services.GetRequiredService<IPluginConfigurationStore>().DataFolderPath;

    private string OutboxPath => Path.Combine(DataFolder, CompletionOutbox.FileName);

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_server_that_died_after_simkl_recorded_the_stop_does_not_record_it_again_at_the_next_start()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(30), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");
        var stoppedAt = await _harness.WatchUntilAsync(session, movie, TimeSpan.FromMinutes(30), alice);
        await _harness.FinishAsync();
        Assert.Single(_harness.Simkl.History);

        // The crash: Simkl recorded the stop, but the server died before the outbox was rewritten, so the disk still
        // holds the completion as the live stop wrote it (marked: a send of it may have reached Simkl).
        var media = new SimklMedia(SimklMediaKind.Movie, new SimklMediaObject("Heat", 1995, SimklIds.Of(("imdb", "tt0113277"))));
        var left = new PendingCompletion(CompletionOutbox.IdentityOf(alice.Id, media, stoppedAt), alice.Id, "Heat (1995)", media, [], stoppedAt, stoppedAt, stoppedAt) { MayHaveReachedSimkl = true };
        await File.WriteAllBytesAsync(OutboxPath, JsonSerializer.SerializeToUtf8Bytes(new StoredOutbox(1, [left]), PluginStorageJsonContext.Default.StoredOutbox));
        await _harness.RestartAsync();
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));

        Assert.Single(_harness.Simkl.History);
        Assert.Equal(0, _harness.Simkl.CountRecordedTwice());
        Assert.Empty(await _harness.OutboxAsync());
    }

    [Fact]
    public async Task A_disk_that_refuses_the_outbox_write_does_not_suppress_the_stop_and_the_write_is_retried()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(30), "tt0113277");
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        // Something in the way of the file (a full disk or a locked file fails the same way: the write throws).
        Directory.CreateDirectory(Path.Combine(OutboxPath, "in-the-way"));
        _harness.Simkl.Down = true;
        await _harness.WatchToTheEndAsync(session, movie, alice);

        Assert.Contains(_harness.Simkl.Requests, r => r.Path == "/scrobble/stop");
        Assert.Contains(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("outbox", StringComparison.OrdinalIgnoreCase));

        Directory.Delete(OutboxPath, recursive: true);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(OutboxPath))!["completions"]!.AsArray();
        Assert.Single(onDisk);

        _harness.Simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));
        Assert.Single(_harness.Simkl.History);
        Assert.Empty(await _harness.OutboxAsync());
    }

    [Fact]
    public async Task Pending_watches_are_never_sent_to_a_different_simkl_account_and_go_out_when_their_own_account_returns()
    {
        var movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(30), "tt0113277");
        var aliceOnSimkl = _harness.Simkl.AddUser("alice");
        var mallory = _harness.Simkl.AddUser("mallory");
        var alice = await _harness.AddLinkedUserAsync("alice", aliceOnSimkl);
        var session = _harness.Session(alice);
        _harness.Simkl.Down = true;
        await _harness.WatchToTheEndAsync(session, movie, alice);

        var accounts = _harness.Services.GetRequiredService<ISimklAccountStore>();
        await accounts.UnlinkAsync(alice.Id, CancellationToken.None);
        await accounts.LinkAsync(alice.Id, new SimklToken(mallory.Token), mallory.Name, CancellationToken.None);
        _harness.Simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));

        Assert.Empty(_harness.Simkl.History);
        Assert.Single(await _harness.OutboxAsync());
        var recent = _harness.Services.GetRequiredService<IActivityLog>().GetRecent(alice.Id);
        Assert.Contains(recent, e => e.Action == ActivityAction.MarkWatched && e.Reason?.Contains("another Simkl account", StringComparison.Ordinal) == true);
        Assert.Contains(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("another Simkl account", StringComparison.Ordinal));

        await accounts.LinkAsync(alice.Id, new SimklToken(aliceOnSimkl.Token), aliceOnSimkl.Name, CancellationToken.None);
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromSeconds(5));

        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal("alice", watch.UserName);
        Assert.Empty(await _harness.OutboxAsync());
    }
}
