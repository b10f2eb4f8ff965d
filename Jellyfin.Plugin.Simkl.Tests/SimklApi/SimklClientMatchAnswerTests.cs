using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>
/// The answers a match is built on (<c>/search/file</c>, <c>/sync/watched</c>) in each shape Simkl may give them, and
/// the log line of every call naming the call, so an administrator can tell which one failed.
/// </summary>
public sealed class SimklClientMatchAnswerTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SimklClientHarness _harness = null!;
    private FakeSimklUser _alice = null!;
    private FakeSimklItem _movie = null!;

    public async Task InitializeAsync()
    {
        _harness = await SimklClientHarness.StartAsync();
        _alice = _harness.Simkl.AddUser("alice");
        _movie = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("""{"type":"episode","anime":{"title":"Frieren","ids":{"simkl":5}},"episode":{"season":1,"episode":2,"ids":{"simkl":9}}}""", "episode", 5L, 9L)]
    [InlineData("""{"type":"episode","show":{"title":"Frieren","ids":{"simkl":5}},"anime":{"title":"Frieren","ids":{"simkl":6}},"episode":{"season":1,"episode":2,"ids":{"simkl":9}}}""", "episode", 5L, 9L)]
    [InlineData("""{"show":{"title":"Frieren","ids":{"simkl":5}},"episode":{"season":1,"episode":2}}""", "episode", 5L, null)]
    public async Task A_file_matched_to_an_episode_keeps_its_show_and_episode(string body, string type, long show, long? episode)
    {
        var match = await SearchFileAsync(body);

        Assert.Equal(SimklOutcome.Success, match.Outcome);
        Assert.Equal((type, show, 1, 2, episode), (match.Value!.Type, match.Value.Show!.Ids.Simkl!.Value, match.Value.Episode!.Season!.Value, match.Value.Episode.Number!.Value, match.Value.Episode.Ids.Simkl));
    }

    [Fact]
    public async Task A_file_matched_to_a_movie_without_a_type_is_a_movie()
    {
        var match = await SearchFileAsync("""{"movie":{"title":"Inception","year":2010,"ids":{"imdb":"tt1375666"}}}""");

        Assert.Equal(("movie", "tt1375666"), (match.Value!.Type, match.Value.Movie!.Ids["imdb"]));
    }

    [Theory]
    [InlineData("""{"type":"movie","movie":{"title":"Inception","ids":{}}}""")]
    [InlineData("""{"type":"episode","show":{"title":"Frieren","ids":{}},"episode":{"season":1,"episode":2}}""")]
    public async Task A_match_without_ids_is_no_match(string body)
    {
        var match = await SearchFileAsync(body);

        Assert.Equal(SimklOutcome.NotFound, match.Outcome);
        Assert.Equal("Simkl did not recognise the file.", match.Message);
    }

    [Fact]
    public async Task An_empty_watched_answer_means_simkl_matched_nothing()
    {
        var watched = await WatchedAsync("[]");

        Assert.Equal(SimklOutcome.NotFound, watched.Outcome);
        Assert.Equal("Simkl could not match the item.", watched.Message);
    }

    [Fact]
    public async Task A_watched_answer_lists_each_episode_under_its_season_and_a_season_without_a_number_is_the_first()
    {
        var watched = await WatchedAsync("""[{"result":true,"list":"watching","seasons":[{"number":2,"episodes":[{"number":3,"watched":true},{"watched":true}]},{"number":3},{"episodes":[{"number":1}]}]}]""");

        Assert.True(watched.Value!.InList);
        Assert.Equal("watching", watched.Value.List);
        Assert.Equal([(2, 3, true), (1, 1, false)], watched.Value.Episodes.Select(e => (e.Season, e.Number, e.Watched)));
    }

    [Theory]
    [InlineData("PIN code")]
    [InlineData("user settings")]
    [InlineData("scrobble start")]
    [InlineData("history")]
    [InlineData("watched check")]
    [InlineData("file search")]
    public async Task The_log_line_of_every_call_names_the_call(string call)
    {
        _harness.Simkl.Inject(FakeSimklFault.Status(404, count: 10, error: "id_err"));
        var token = new SimklToken(_alice.Token);
        var ids = SimklIds.Of(("imdb", "tt1375666"));

        _ = call switch
        {
            "PIN code" => (object)await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(None)),
            "user settings" => await _harness.RunAsync(_harness.Client.GetUserProfileAsync(token, None)),
            "scrobble start" => await _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), token, null, None)),
            "history" => await _harness.RunAsync(_harness.Client.AddToHistoryAsync(new HistoryRequest([new HistoryMovie("Inception", 2010, ids, DateTimeOffset.UnixEpoch)], []), token, null, None)),
            "watched check" => await _harness.RunAsync(_harness.Client.GetWatchedAsync(ids, false, token, None)),
            _ => await _harness.RunAsync(_harness.Client.SearchByFileAsync(new FileSearchRequest("/movies/Inception.mkv"), None)),
        };

        Assert.Contains("Simkl " + call + ": HTTP 404", _harness.Logs.AllText, StringComparison.Ordinal);
    }

    private Task<SimklResult<FileMatch>> SearchFileAsync(string body)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, "application/json", body, "/search/file"));
        return _harness.RunAsync(_harness.Client.SearchByFileAsync(new FileSearchRequest("/tv/Frieren/Season 1/Frieren S01E02.mkv"), None));
    }

    private Task<SimklResult<WatchedStatus>> WatchedAsync(string body)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, "application/json", body, "/sync/watched"));
        return _harness.RunAsync(_harness.Client.GetWatchedAsync(SimklIds.Of(("tvdb", "81189")), true, new SimklToken(_alice.Token), None));
    }
}
