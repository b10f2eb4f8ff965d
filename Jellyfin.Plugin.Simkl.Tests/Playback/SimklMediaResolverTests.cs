using System;
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
    private readonly ISimklClient _client = Substitute.For<ISimklClient>();
    private readonly SimklMediaResolver _resolver;

    public SimklMediaResolverTests()
        => _resolver = new SimklMediaResolver(_client, new FakeTimeProvider(), new PlaybackTrackingOptions(), NullLogger<SimklMediaResolver>.Instance);

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

    private static TrackedItem Episode(int? season, int? number, SimklIds? ids = null)
        => new(Guid.NewGuid(), "Lost", TrackedMediaKind.Episode, TimeSpan.FromMinutes(42), "/media/shows/Lost/Lost.mkv", [], "Lost", 2004, ids ?? SimklIds.Empty, season, number);

    private void Answer(FileMatch match)
        => _client.SearchByFileAsync(Arg.Any<FileSearchRequest>(), Arg.Any<CancellationToken>()).Returns(new SimklResult<FileMatch>(SimklOutcome.Success, match));
}
