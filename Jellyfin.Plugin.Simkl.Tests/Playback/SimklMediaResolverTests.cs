using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

public sealed class SimklMediaResolverTests
{
    private static readonly SimklMediaObject Lost = new("Lost", 2004, SimklIds.Of(("simkl", "1234")));
    private static readonly SimklMediaObject Heat = new("Heat", 1995, SimklIds.Of(("simkl", "5678")));
    private readonly ISimklClient _client = Substitute.For<ISimklClient>();
    private readonly FakeTimeProvider _time = new();
    private readonly SimklMediaResolver _resolver;

    public SimklMediaResolverTests()
        => _resolver = new SimklMediaResolver(_client, _time, new PlaybackTrackingOptions(), NullLogger<SimklMediaResolver>.Instance);

    [Fact]
    public async Task A_show_answer_without_an_episode_is_used_with_the_librarys_season_and_episode()
    {
        Answer(new FileMatch("show", null, Lost, null));

        var resolution = await _resolver.ResolveAsync(Episode(season: 2, number: 7), isAnime: false, CancellationToken.None);

        Assert.Equal(new SimklMedia(SimklMediaKind.Show, Lost, 2, 7), resolution.Media);
    }

    [Fact]
    public async Task A_show_answer_for_an_episode_without_a_number_is_not_sent_as_a_bare_show()
    {
        Answer(new FileMatch("show", null, Lost, null));

        var resolution = await _resolver.ResolveAsync(Episode(season: 1, number: null), isAnime: false, CancellationToken.None);

        Assert.Null(resolution.Media);
        Assert.Contains("episode number", resolution.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_episode_with_ids_but_no_number_asks_the_file_search_which_episode_it_is()
    {
        Answer(new FileMatch("episode", null, Lost, new FileMatchEpisode(1, 5, SimklIds.Empty)));

        var resolution = await _resolver.ResolveAsync(Episode(season: 1, number: null, ids: SimklIds.Of(("tvdb", "73739"))), isAnime: false, CancellationToken.None);

        Assert.Equal(new SimklMedia(SimklMediaKind.Show, Lost, 1, 5), resolution.Media);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_anime_movie_is_a_movie_with_every_id(bool isAnime)
    {
        var ids = SimklIds.Of(("mal", "32281"), ("anidb", "11829"), ("imdb", "tt5311514"));
        var movie = new TrackedItem(Guid.NewGuid(), "Your Name.", TrackedMediaKind.Movie, TimeSpan.FromMinutes(106), "/m.mkv", [], "Your Name.", 2016, ids);

        var media = SimklMediaResolver.FromIds(movie, isAnime).Media!;

        Assert.Equal(SimklMediaKind.Movie, media.Kind);
        Assert.Same(ids, media.Media.Ids);
        Assert.Null(media.Episode);
    }

    [Theory]
    [InlineData("simkl")]
    [InlineData("imdb")]
    [InlineData("tmdb")]
    [InlineData("tvdb")]
    [InlineData("anidb")]
    [InlineData("anilist")]
    [InlineData("mal")]
    [InlineData("kitsu")]
    [InlineData("anisearch")]
    [InlineData("livechart")]
    public async Task A_movie_with_any_id_simkl_knows_is_sent_without_a_file_search(string key)
    {
        var movie = Movie(SimklIds.Of((key, "42")));

        var resolution = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        Assert.Equal(SimklMediaKind.Movie, resolution.Media!.Kind);
        Assert.Equal("42", resolution.Media.Media.Ids[key]);
        await _client.DidNotReceiveWithAnyArgs().SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task A_movie_whose_only_id_simkl_does_not_know_is_looked_up_by_its_file()
    {
        Answer(new FileMatch("movie", Heat, null, null));

        var resolution = await _resolver.ResolveAsync(Movie(SimklIds.Of(("tvmaze", "1"))), isAnime: false, CancellationToken.None);

        Assert.Same(Heat, resolution.Media!.Media);
        await _client.Received(1).SearchByFileAsync(new FileSearchRequest("/media/movies/Heat.mkv"), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(false, "Show")]
    [InlineData(true, "Anime")]
    public void An_episode_with_its_number_is_sent_as_a_show_or_as_anime_with_its_numbering(bool isAnime, string kind)
    {
        var episode = Episode(season: 2, number: 7, ids: SimklIds.Of(("tvdb", "73739"))) with { LastEpisode = 8 };

        var media = SimklMediaResolver.FromIds(episode, isAnime).Media;

        Assert.Equal(new SimklMedia(Enum.Parse<SimklMediaKind>(kind), new SimklMediaObject("Lost", 2004, episode.Ids), 2, 7, 8), media);
    }

    [Fact]
    public void An_episode_without_a_number_is_never_built_from_its_ids()
    {
        var episode = Episode(season: 2, number: null, ids: SimklIds.Of(("tvdb", "73739")));

        var resolution = SimklMediaResolver.FromIds(episode, isAnime: false);

        Assert.False(SimklMediaResolver.CanResolveOffline(episode));
        Assert.Null(resolution.Media);
        Assert.Contains("episode number", resolution.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_found_is_remembered_for_good()
    {
        Answer(new FileMatch("movie", Heat, null, null));
        var movie = Movie(SimklIds.Empty);

        await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(30));
        var again = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        Assert.Same(Heat, again.Media!.Media);
        await _client.ReceivedWithAnyArgs(1).SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task A_file_simkl_does_not_know_is_asked_about_again_only_after_6_hours()
    {
        Answer(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "not found", 404));
        var movie = Movie(SimklIds.Empty);

        var first = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromTicks(1));
        var cached = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);
        await _client.ReceivedWithAnyArgs(1).SearchByFileAsync(default!, default);
        _time.Advance(TimeSpan.FromTicks(1));
        await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        Assert.Null(first.Media);
        Assert.Equal("Simkl did not recognise the file Heat.mkv.", first.Reason);
        Assert.False(first.IsTransient);
        Assert.Same(first, cached);
        await _client.ReceivedWithAnyArgs(2).SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task An_unnumbered_episode_simkl_does_not_know_says_it_lacks_a_number()
    {
        Answer(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "not found", 404));

        var resolution = await _resolver.ResolveAsync(Episode(season: 1, number: null), isAnime: false, CancellationToken.None);

        Assert.Contains("episode number", resolution.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_file_search_is_transient_and_asked_again_next_time()
    {
        Answer(SimklResult.Failure<FileMatch>(SimklOutcome.Unavailable, "Simkl is unavailable (503).", 503));
        var movie = Movie(SimklIds.Empty);

        var first = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);
        await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        Assert.Equal(new MediaResolution(null, "Simkl is unavailable (503).", IsTransient: true), first);
        await _client.ReceivedWithAnyArgs(2).SearchByFileAsync(default!, default);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task An_item_without_ids_or_a_path_is_not_tracked_and_says_why(string? path)
    {
        var movie = Movie(SimklIds.Empty) with { Path = path };
        var episode = Episode(season: 1, number: null) with { Path = path };

        var movieResolution = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);
        var episodeResolution = await _resolver.ResolveAsync(episode, isAnime: false, CancellationToken.None);

        Assert.Equal("The item has no provider id Simkl knows and no file path to search with.", movieResolution.Reason);
        Assert.Contains("episode number", episodeResolution.Reason, StringComparison.Ordinal);
        await _client.DidNotReceiveWithAnyArgs().SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task A_movie_file_matched_to_a_show_is_not_sent()
    {
        Answer(new FileMatch("show", null, Lost, null));

        var resolution = await _resolver.ResolveAsync(Movie(SimklIds.Empty), isAnime: false, CancellationToken.None);

        Assert.Equal(new MediaResolution(null, "Simkl matched the file of this movie to a show."), resolution);
    }

    [Fact]
    public async Task An_episode_file_answered_without_a_show_is_not_sent()
    {
        Answer(new FileMatch("episode", null, null, new FileMatchEpisode(1, 5, SimklIds.Empty)));

        var resolution = await _resolver.ResolveAsync(Episode(season: 1, number: null), isAnime: false, CancellationToken.None);

        Assert.Equal(new MediaResolution(null, "Simkl's file search answered without a show."), resolution);
    }

    [Fact]
    public async Task An_episode_file_simkl_reads_as_a_movie_entry_is_sent_as_that_entry_with_its_episode()
    {
        Answer(new FileMatch("movie", Lost, null, new FileMatchEpisode(3, 4, SimklIds.Empty)));

        var resolution = await _resolver.ResolveAsync(Episode(season: null, number: null), isAnime: true, CancellationToken.None);

        Assert.Equal(new SimklMedia(SimklMediaKind.Anime, Lost, 3, 4), resolution.Media);
    }

    [Fact]
    public async Task The_librarys_numbering_wins_over_simkls_reading_of_the_file_name()
    {
        Answer(new FileMatch("episode", null, Lost, new FileMatchEpisode(3, 4, SimklIds.Empty)));

        var resolution = await _resolver.ResolveAsync(Episode(season: 1, number: 2) with { LastEpisode = 3 }, isAnime: false, CancellationToken.None);

        Assert.Equal(new SimklMedia(SimklMediaKind.Show, Lost, 1, 2, 3), resolution.Media);
    }

    [Fact]
    public async Task Rejected_ids_are_looked_up_by_file_once_and_the_answer_is_used_from_then_on()
    {
        Answer(new FileMatch("movie", Heat, null, null));
        var movie = Movie(SimklIds.Of(("imdb", "tt-wrong")));

        var rejected = await _resolver.ResolveRejectedAsync(movie, isAnime: false, CancellationToken.None);
        var later = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        Assert.Same(Heat, rejected.Media!.Media);
        Assert.Same(Heat, later.Media!.Media);
        await _client.ReceivedWithAnyArgs(1).SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task Rejected_ids_stay_rejected_when_the_file_is_not_found_either()
    {
        Answer(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "not found", 404));
        var movie = Movie(SimklIds.Of(("imdb", "tt-wrong")));

        await _resolver.ResolveRejectedAsync(movie, isAnime: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(7));
        var later = await _resolver.ResolveAsync(movie, isAnime: false, CancellationToken.None);

        // Past the 6 hours the file is asked about again, never the ids Simkl refused.
        Assert.Null(later.Media);
        await _client.ReceivedWithAnyArgs(2).SearchByFileAsync(default!, default);
    }

    [Fact]
    public async Task The_file_search_cache_is_bounded_and_starts_over_past_20_000_items()
    {
        Answer(new FileMatch("movie", Heat, null, null));
        var first = Movie(SimklIds.Empty);
        await _resolver.ResolveAsync(first, isAnime: false, CancellationToken.None);
        for (var i = 1; i < 20_000; i++)
        {
            await _resolver.ResolveAsync(Movie(SimklIds.Empty), isAnime: false, CancellationToken.None);
        }

        await _resolver.ResolveAsync(first, isAnime: false, CancellationToken.None);
        var stillCached = _client.ReceivedCalls().Count();
        await _resolver.ResolveAsync(Movie(SimklIds.Empty), isAnime: false, CancellationToken.None);
        await _resolver.ResolveAsync(first, isAnime: false, CancellationToken.None);

        Assert.Equal(20_000, stillCached);
        Assert.Equal(20_002, _client.ReceivedCalls().Count());
    }

    private static TrackedItem Movie(SimklIds ids)
        => new(Guid.NewGuid(), "Heat", TrackedMediaKind.Movie, TimeSpan.FromMinutes(170), "/media/movies/Heat.mkv", [], "Heat", 1995, ids);

    private static TrackedItem Episode(int? season, int? number, SimklIds? ids = null)
        => new(Guid.NewGuid(), "Lost", TrackedMediaKind.Episode, TimeSpan.FromMinutes(42), "/media/shows/Lost/Lost.mkv", [], "Lost", 2004, ids ?? SimklIds.Empty, season, number);

    private void Answer(FileMatch match) => Answer(new SimklResult<FileMatch>(SimklOutcome.Success, match));

    private void Answer(SimklResult<FileMatch> answer)
        => _client.SearchByFileAsync(Arg.Any<FileSearchRequest>(), Arg.Any<CancellationToken>()).Returns(answer);
}
