using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Controller.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

public sealed class UserTrackingTests : IAsyncLifetime
{
    private TrackingHarness _harness = null!;
    private BaseItem _movie = null!;

    public async Task InitializeAsync()
    {
        _harness = await TrackingHarness.StartAsync();
        _movie = _harness.AddMovieKnownToSimkl("Heat", 1995, TimeSpan.FromMinutes(20), "tt0113277");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Two_users_in_one_session_each_scrobble_with_their_own_account()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");
        var session = _harness.Session(alice);

        await _harness.WatchToTheEndAsync(session, _movie, alice, bob);

        Assert.Equal(2, _harness.Scrobbles().Count(r => r.UserName == "alice"));
        Assert.Equal(2, _harness.Scrobbles().Count(r => r.UserName == "bob"));
        Assert.Equal(["alice", "bob"], _harness.Simkl.History.Select(h => h.UserName).Order());
    }

    [Fact]
    public async Task A_user_who_is_not_linked_costs_nothing()
    {
        var stranger = _harness.AddUser("stranger");

        await _harness.WatchToTheEndAsync(stranger, _movie);

        Assert.Empty(_harness.Simkl.Requests);
        Assert.Equal(0, _harness.Tracker.ActivePlaybacks);
        Assert.Empty(_harness.Services.GetRequiredService<IActivityLog>().GetRecent(stranger.Id));
    }

    [Fact]
    public async Task An_excluded_library_is_not_tracked_and_the_activity_says_why()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        _harness.SetOptions(alice, o => o.ExcludedLibraryIds = [_harness.Movies.Id]);

        await _harness.WatchToTheEndAsync(alice, _movie);

        Assert.Empty(_harness.Simkl.Requests);
        var entry = Assert.Single(_harness.Services.GetRequiredService<IActivityLog>().GetRecent(alice.Id));
        Assert.Equal((ActivityAction.Ignore, ActivityOutcome.Skipped), (entry.Action, entry.Outcome));
        Assert.Contains("library", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_shorter_than_the_users_minimum_is_not_tracked()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        _harness.SetOptions(alice, o => o.MinimumDurationSeconds = 25 * 60);

        await _harness.WatchToTheEndAsync(alice, _movie);

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task Movies_switched_off_for_a_user_are_not_tracked_for_them_but_are_for_others()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");
        _harness.SetOptions(alice, o => o.TrackMovies = false);

        await _harness.WatchToTheEndAsync(_harness.Session(alice), _movie, alice, bob);

        Assert.All(_harness.Simkl.Requests, r => Assert.Equal("bob", r.UserName));
        Assert.NotEmpty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task Above_the_users_threshold_but_below_80_percent_the_watch_goes_to_history_with_its_real_time()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        _harness.SetOptions(alice, o => o.CompletionThresholdPercent = 70);
        var session = _harness.Session(alice);

        var stoppedAt = await _harness.WatchUntilAsync(session, _movie, TimeSpan.FromMinutes(15), alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop", "/sync/history"], _harness.Simkl.Requests.Select(r => r.Path));
        Assert.Equal(75, JsonNode.Parse(_harness.Scrobbles()[1].Body)!["progress"]!.GetValue<double>());
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal(("history", stoppedAt), (watch.Via, watch.WatchedAt));
        Assert.Empty(await _harness.OutboxAsync());
    }

    [Fact]
    public async Task Below_a_threshold_above_80_percent_simkl_gets_a_pause_so_nothing_is_marked()
    {
        var alice = await _harness.AddLinkedUserAsync("alice");
        _harness.SetOptions(alice, o => o.CompletionThresholdPercent = 95);
        var session = _harness.Session(alice);

        await _harness.WatchUntilAsync(session, _movie, TimeSpan.FromMinutes(18), alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/pause"], _harness.Simkl.Requests.Select(r => r.Path));
        Assert.Empty(_harness.Simkl.History);
    }

    [Fact]
    public async Task A_token_revoked_mid_playback_breaks_the_link_stops_all_calls_and_keeps_the_watch_until_relinked()
    {
        var simklAlice = _harness.Simkl.AddUser("alice");
        var alice = await _harness.AddLinkedUserAsync("alice", simklAlice);
        var session = _harness.Session(alice);

        _harness.Start(session, _movie, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.Zero, TimeSpan.FromMinutes(5), alice);
        _harness.Simkl.Revoke(simklAlice);
        await _harness.PauseAsync(session, _movie, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), alice);
        await _harness.PlayAsync(session, _movie, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), alice);
        _harness.Stop(session, _movie, TimeSpan.FromMinutes(20), alice);
        await _harness.FinishAsync();
        var requestsWhileBroken = _harness.Simkl.Requests.Count;
        await _harness.Time.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromSeconds(30));

        Assert.Equal(401, _harness.Simkl.Requests[^1].Status);
        Assert.Equal(requestsWhileBroken, _harness.Simkl.Requests.Count);
        Assert.Equal(1, _harness.Simkl.Requests.Count(r => r.Status == 401));
        Assert.True(_harness.Accounts.Find(alice.Id)!.IsBroken);
        Assert.Empty(_harness.Simkl.History);
        Assert.Single(await _harness.OutboxAsync());

        // Linked again to the same Simkl account (a fresh token; the fake names its holder "alice-again"): the kept
        // watch is delivered, once. Watches never go to another account.
        var relinked = _harness.Simkl.AddUser("alice-again");
        await _harness.Accounts.LinkAsync(alice.Id, new Simkl.SimklApi.SimklToken(relinked.Token), "alice", simklAlice.AccountId, default);
        await _harness.Time.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));

        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal("alice-again", watch.UserName);
        Assert.Empty(await _harness.OutboxAsync());
    }
}
