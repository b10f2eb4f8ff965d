using System;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Sync;

public sealed class MarkPlayedFollowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset MarkedAt = new(2026, 11, 23, 19, 0, 0, TimeSpan.Zero);
    private SyncHarness _harness = null!;
    private FakeSimklUser _carol = null!;
    private FakeSimklItem _onSimkl = null!;
    private TrackedItem _movie = null!;

    private FakeSimklServer Simkl => _harness.Simkl;

    public async Task InitializeAsync()
    {
        _harness = await SyncHarness.StartAsync();
        _carol = Simkl.AddUser("carol");
        _onSimkl = Simkl.AddMovie("Arrival", 2016, ("imdb", "tt2543164"));
        _movie = _harness.Library.AddMovie("Arrival", 2016, ("imdb", "tt2543164"));
        await _harness.StartFollowerAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Mark_played_is_sent_to_Simkls_history_with_its_date()
    {
        var userId = await _harness.LinkAsync(_carol, export: false, follow: true);

        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        await _harness.WaitForFollowerAsync(1);

        var watch = Assert.Single(Simkl.HistoryOf(_carol));
        Assert.Equal(_onSimkl.SimklId, watch.SimklId);
        Assert.Equal(MarkedAt, watch.WatchedAt);
    }

    [Fact]
    public async Task Nothing_is_sent_when_following_is_off_or_the_user_is_not_linked()
    {
        var userId = await _harness.LinkAsync(_carol, export: true, follow: false);
        var stranger = Guid.NewGuid();
        _harness.SetOptions(stranger, export: true, import: true, follow: true, unmark: true);

        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        _harness.Sink.Offer(new PlayedStateChange(stranger, _movie, true, MarkedAt, MarkedAt));
        await _harness.WaitForFollowerAsync(2);

        Assert.Empty(Simkl.Requests);
    }

    [Fact]
    public async Task Mark_unplayed_removes_the_watch_only_when_the_user_allowed_it()
    {
        var userId = await _harness.LinkAsync(_carol, export: false, follow: true, unmark: false);
        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, false, null, MarkedAt.AddMinutes(1)));
        await _harness.WaitForFollowerAsync(2);
        Assert.Single(Simkl.HistoryOf(_carol));
        Assert.DoesNotContain(Simkl.Requests, r => r.Path == "/sync/history/remove");

        _harness.SetOptions(userId, export: false, import: false, follow: true, unmark: true);
        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, false, null, MarkedAt.AddMinutes(2)));
        await _harness.WaitForFollowerAsync(3);

        Assert.Empty(Simkl.HistoryOf(_carol));
        var remove = Assert.Single(Simkl.Requests, r => r.Path == "/sync/history/remove");
        Assert.Contains("tt2543164", remove.Body, StringComparison.Ordinal);
        Assert.True(Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_completion_the_scrobbler_sent_is_not_sent_again_and_alternate_versions_count_once()
    {
        var userId = await _harness.LinkAsync(_carol, export: false, follow: true);
        var episode = _harness.Library.AddEpisode("Dark", 2017, 1, 1, [("tvdb", "334824")]);
        var otherVersion = episode with { ItemId = Guid.NewGuid() };
        Simkl.AddShow("Dark", 2017, ("tvdb", "334824"));
        _harness.Services.GetRequiredService<IRecentCompletions>().Remember(userId, _movie);

        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        _harness.Sink.Offer(new PlayedStateChange(userId, episode, true, MarkedAt, MarkedAt));
        _harness.Sink.Offer(new PlayedStateChange(userId, otherVersion, true, MarkedAt, MarkedAt));
        await _harness.WaitForFollowerAsync(3);

        var watch = Assert.Single(Simkl.HistoryOf(_carol));
        Assert.Equal(1, watch.Episode);
        Assert.Single(Simkl.Requests, r => r.Path == "/sync/history");
    }

    [Fact]
    public async Task A_failing_change_never_stops_the_loop()
    {
        var userId = await _harness.LinkAsync(_carol, export: false, follow: true);
        Simkl.Down = true;
        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        await _harness.WaitForFollowerAsync(1);
        Simkl.Down = false;
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));

        _harness.Sink.Offer(new PlayedStateChange(userId, _movie, true, MarkedAt, MarkedAt));
        await _harness.WaitForFollowerAsync(2);

        Assert.Single(Simkl.HistoryOf(_carol));
    }
}
