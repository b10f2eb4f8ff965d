using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>Items whose metadata is incomplete: sent in a shape Simkl documents, or not at all, never as something else.</summary>
public sealed class ItemShapeTests : IAsyncLifetime
{
    private static readonly TimeSpan Runtime = TimeSpan.FromMinutes(30);
    private TrackingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrackingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_episode_without_a_number_is_never_sent_as_a_bare_show()
    {
        var series = _harness.AddSeriesKnownToSimkl("Lost", 2004, "73739");
        var episode = _harness.AddEpisode(series, 1, null, Runtime, path: "/media/shows/Lost/Season 01/Lost - Pilot.mkv");
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        Assert.DoesNotContain(_harness.Scrobbles(), r => JsonNode.Parse(r.Body)!["episode"] is null);
        Assert.Empty(_harness.Simkl.History);
        Assert.Contains(_harness.Services.GetRequiredService<IActivityLog>().GetRecent(alice.Id), e => e.Reason?.Contains("episode", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_episode_without_a_number_takes_the_number_simkl_reads_from_its_file()
    {
        var lost = _harness.Simkl.AddShow("Lost", 2004, ("tvdb", "73739"));
        _harness.Simkl.AddFile(lost, "Lost S01E05.mkv");
        var series = _harness.AddSeries("Lost", 2004, null, ("Tvdb", "73739"));
        var episode = _harness.AddEpisode(series, 1, null, Runtime, path: "/media/shows/Lost/Season 01/Lost S01E05.mkv");
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, episode);

        Assert.All(_harness.Scrobbles(), r => Assert.Equal(5, JsonNode.Parse(r.Body)!["episode"]!["number"]!.GetValue<int>()));
        var watch = Assert.Single(_harness.Simkl.History);
        Assert.Equal((lost.SimklId, 1, 5), (watch.SimklId, watch.Season, watch.Episode));
    }

    [Fact]
    public async Task An_item_first_seen_without_a_runtime_is_tracked_once_its_runtime_is_known()
    {
        var series = _harness.AddSeriesKnownToSimkl("Lost", 2004, "73739");
        var episode = _harness.AddEpisode(series, 1, 2, null);
        var (alice, session) = await _harness.AddLinkedUserInSessionAsync("alice");

        _harness.Start(session, episode, TimeSpan.Zero, users: alice);
        await _harness.PlayAsync(session, episode, TimeSpan.Zero, TimeSpan.FromMinutes(2), alice);

        // The server probed the file meanwhile and now knows its length.
        episode.RunTimeTicks = Runtime.Ticks;
        await _harness.PlayAsync(session, episode, TimeSpan.FromMinutes(2), Runtime - TimeSpan.FromMinutes(2), alice);
        _harness.Stop(session, episode, Runtime, alice);
        await _harness.FinishAsync();

        Assert.Equal(["/scrobble/start", "/scrobble/stop"], _harness.Scrobbles().Select(r => r.Path));
        Assert.Single(_harness.Simkl.History);
    }

    [Fact]
    public async Task An_anime_movie_is_sent_as_a_movie_with_every_id_it_has()
    {
        var yourName = _harness.Simkl.AddMovie("Your Name.", 2016, ("mal", "32281"), ("anidb", "11829"));
        var movie = _harness.AddMovie("Your Name.", 2016, TimeSpan.FromMinutes(106), _harness.Movies, ("AniDB", "11829"), ("MyAnimeList", "32281"), ("Imdb", "tt5311514"));
        var alice = await _harness.AddLinkedUserAsync("alice");

        await _harness.WatchToTheEndAsync(alice, movie);

        var scrobbles = _harness.Scrobbles();
        Assert.Equal(["/scrobble/start", "/scrobble/stop"], scrobbles.Select(r => r.Path));
        foreach (var body in scrobbles.Select(r => JsonNode.Parse(r.Body)!))
        {
            Assert.Null(body["anime"]);
            Assert.Null(body["episode"]);
            Assert.Equal(32281, body["movie"]!["ids"]!["mal"]!.GetValue<long>());
            Assert.Equal(11829, body["movie"]!["ids"]!["anidb"]!.GetValue<long>());
            Assert.Equal("tt5311514", body["movie"]!["ids"]!["imdb"]!.GetValue<string>());
        }

        Assert.Equal(yourName.SimklId, Assert.Single(_harness.Simkl.History).SimklId);
    }

    [Fact]
    public async Task A_movie_in_a_library_marked_anime_is_sent_as_a_movie_and_follows_the_anime_switch()
    {
        _harness.Simkl.AddMovie("Akira", 1988, ("imdb", "tt0094625"));
        var movie = _harness.AddMovie("Akira", 1988, TimeSpan.FromMinutes(124), _harness.AnimeLibrary, ("Imdb", "tt0094625"));
        var alice = await _harness.AddLinkedUserAsync("alice");
        var bob = await _harness.AddLinkedUserAsync("bob");
        _harness.SetOptions(alice, o => o.AnimeLibraryIds = [_harness.AnimeLibrary.Id]);
        _harness.SetOptions(bob, o =>
        {
            o.AnimeLibraryIds = [_harness.AnimeLibrary.Id];
            o.TrackAnime = false;
        });

        await _harness.WatchToTheEndAsync(alice, movie);
        await _harness.WatchToTheEndAsync(bob, movie);

        Assert.All(_harness.Scrobbles(), r => Assert.Equal("alice", r.UserName));
        Assert.All(_harness.Scrobbles(), r => Assert.NotNull(JsonNode.Parse(r.Body)!["movie"]));
        Assert.Single(_harness.Simkl.History);
    }
}
