using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary><c>POST /sync/watched</c>, the question the outbox asks before replaying a watch that may already be on Simkl.</summary>
public sealed class SimklClientWatchedTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_movie_recorded_by_a_stop_is_reported_watched_with_its_time_and_an_unknown_one_is_not_found()
    {
        var alice = _harness.Simkl.AddUser("alice");
        var token = new SimklToken(alice.Token);
        var heat = _harness.Simkl.AddMovie("Heat", 1995, ("imdb", "tt0113277"));
        _harness.Simkl.AddMovie("Ronin", 1998, ("imdb", "tt0122690"));
        var before = await _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("imdb", "tt0113277")), false, token, CancellationToken.None));
        await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(heat, 100), token, null, CancellationToken.None));
        var stoppedAt = _harness.Time.GetUtcNow();

        var after = await _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("imdb", "tt0113277")), false, token, CancellationToken.None));
        var other = await _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("imdb", "tt0122690")), false, token, CancellationToken.None));
        var unknown = await _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("imdb", "tt9999999")), false, token, CancellationToken.None));

        Assert.Equal((SimklOutcome.Success, false, (DateTimeOffset?)null), (before.Outcome, before.Value!.InList, before.Value.LastWatchedAt));
        Assert.True(after.Value!.InList);
        Assert.InRange(after.Value.LastWatchedAt!.Value, stoppedAt.AddSeconds(-2), stoppedAt);
        Assert.False(other.Value!.InList);
        Assert.Equal(SimklOutcome.NotFound, unknown.Outcome);
        var request = _harness.Simkl.Requests.Last(r => r.Path == "/sync/watched");
        Assert.Equal("""[{"ids":{"imdb":"tt9999999"}}]""", request.Body);
        Assert.False(request.Query.ContainsKey("extended"));
    }

    [Fact]
    public async Task A_show_asked_with_its_episodes_says_which_episode_was_watched_when()
    {
        var alice = _harness.Simkl.AddUser("alice");
        var token = new SimklToken(alice.Token);
        _harness.Simkl.AddShow("Severance", 2022, ("tvdb", "371980"));
        var watchedAt = _harness.Time.GetUtcNow().AddHours(-1);
        var show = new HistoryShow("Severance", 2022, SimklIds.Of(("tvdb", "371980")), Seasons: [new HistorySeason(1, [new HistoryEpisode(2, watchedAt)])]);
        await _harness.RunAsync(_harness.Client.AddToHistoryAsync(new HistoryRequest([], [show]), token, null, CancellationToken.None));

        var watched = await _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("tvdb", "371980")), true, token, CancellationToken.None));

        var episode = Assert.Single(watched.Value!.Episodes);
        Assert.Equal((1, 2, true), (episode.Season, episode.Number, episode.Watched));
        Assert.Equal(watchedAt.AddTicks(-(watchedAt.Ticks % TimeSpan.TicksPerSecond)), episode.LastWatchedAt);
        Assert.Equal("episodes", _harness.Simkl.Requests[^1].Query["extended"]);
    }
}
