using System;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>What an item says of itself: how many episodes its file holds, and whether its ids make it anime.</summary>
public sealed class TrackedItemTests
{
    [Theory]
    [InlineData(5, null, 1)]
    [InlineData(5, 5, 1)]
    [InlineData(5, 4, 1)]
    [InlineData(5, 6, 2)]
    [InlineData(1, 3, 3)]
    public void A_file_holds_the_episodes_from_its_first_to_its_last(int first, int? last, int count)
        => Assert.Equal(count, Item(TrackedMediaKind.Episode, SimklIds.Empty, first, last).EpisodeCount);

    [Fact]
    public void A_movie_is_one_watch_whatever_its_numbers_say()
        => Assert.Equal(1, Item(TrackedMediaKind.Movie, SimklIds.Empty, 1, 3).EpisodeCount);

    [Fact]
    public void An_episode_without_a_number_is_one_episode()
        => Assert.Equal(1, Item(TrackedMediaKind.Episode, SimklIds.Empty, null, 3).EpisodeCount);

    [Theory]
    [InlineData("anidb", true)]
    [InlineData("anilist", true)]
    [InlineData("mal", true)]
    [InlineData("kitsu", true)]
    [InlineData("anisearch", true)]
    [InlineData("livechart", true)]
    [InlineData("imdb", false)]
    [InlineData("tvdb", false)]
    public void Ids_of_an_anime_database_make_an_item_anime(string key, bool isAnime)
        => Assert.Equal(isAnime, Item(TrackedMediaKind.Episode, SimklIds.Of(("tmdb", "1"), (key, "2")), 1, null).HasAnimeIds);

    private static TrackedItem Item(TrackedMediaKind kind, SimklIds ids, int? episode, int? lastEpisode)
        => new(Guid.NewGuid(), "Item", kind, TimeSpan.FromMinutes(24), "/media/item.mkv", [], "Item", 2020, ids, 1, episode, lastEpisode);
}
