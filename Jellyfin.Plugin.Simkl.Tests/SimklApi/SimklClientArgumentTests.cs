using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>A call the plugin could never mean (no token, no item, a scrobble of nothing) fails loudly in our code and never reaches Simkl.</summary>
public sealed class SimklClientArgumentTests : IAsyncLifetime
{
    private static readonly SimklToken Token = new("token");
    private static readonly CancellationToken None = CancellationToken.None;
    private SimklClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Calls_without_what_they_need_are_refused_before_anything_is_sent()
    {
        var client = _harness.Client;
        var movie = SimklClientRequestTests.MovieRequest(_harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666")), 5);
        var history = new HistoryRequest([], []);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.PollPinCodeAsync(" ", None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetUserProfileAsync(null!, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ScrobbleAsync(ScrobbleAction.Start, null!, Token, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ScrobbleAsync(ScrobbleAction.Start, movie, null!, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddToHistoryAsync(null!, Token, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.AddToHistoryAsync(history, null!, null, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetWatchedAsync(null!, false, Token, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetWatchedAsync(SimklIds.Of(("imdb", "tt1375666")), false, null!, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SearchByFileAsync(null!, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SearchByIdAsync(null!, None));

        Assert.Empty(_harness.Simkl.Requests);
    }

    [Fact]
    public async Task A_scrobble_of_nothing_or_of_an_unknown_action_is_refused_before_anything_is_sent()
    {
        var client = _harness.Client;

        var nothing = await Assert.ThrowsAsync<ArgumentException>(() => client.ScrobbleAsync(ScrobbleAction.Start, new ScrobbleRequest(5), Token, null, None));
        var anime = new ScrobbleRequest(5, Anime: new SimklMediaObject("Frieren", 2023, SimklIds.Of(("mal", "52991"))), Episode: new SimklEpisodeNumber(1, 1));
        var unknown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ScrobbleAsync((ScrobbleAction)42, anime, Token, null, None));

        Assert.Contains("needs a movie, a show or an anime", nothing.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown scrobble action", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(_harness.Simkl.Requests);
    }
}
