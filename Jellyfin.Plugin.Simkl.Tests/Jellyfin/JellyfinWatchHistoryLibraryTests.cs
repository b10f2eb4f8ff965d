using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Data.Enums;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

/// <summary>The watch-history library against fakes of both Jellyfin lines: what export reads and import writes.</summary>
public sealed class JellyfinWatchHistoryLibraryTests
{
    private static readonly DateTime Watched = new(2024, 3, 1, 20, 0, 0, DateTimeKind.Utc);

    public static TheoryData<JellyfinLine> Lines => new() { JellyfinLine.Jellyfin1011, JellyfinLine.Jellyfin12 };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Played_movies_and_episodes_stream_in_id_order_a_page_at_a_time_with_their_last_played_date(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var expected = new Dictionary<Guid, DateTime>();
        var show = server.AddSeries("Show", 2010, ("Tvdb", "100"));
        for (var i = 0; i < 1_300; i++)
        {
            var item = i % 2 == 0
                ? (MediaBrowser.Controller.Entities.BaseItem)server.AddMovie($"Movie {i}", 2000 + (i % 20), ("Imdb", $"tt{i:0000000}"))
                : server.AddEpisode(show, 1 + (i / 200), i);
            if (i % 3 != 0)
            {
                server.UserData.Seed(user, item, played: true, Watched.AddMinutes(i));
                expected[item.Id] = Watched.AddMinutes(i);
            }
        }

        var library = Create(server);
        var played = await ToListAsync(library.GetPlayedItemsAsync(user.Id, CancellationToken.None));

        Assert.Equal(expected.Count, played.Count);
        Assert.Equal(expected.Count, await library.CountPlayedItemsAsync(user.Id, CancellationToken.None));
        Assert.Equal(played.Select(p => p.Item.ItemId).Order(), played.Select(p => p.Item.ItemId));
        Assert.All(played, p => Assert.Equal(new DateTimeOffset(expected[p.Item.ItemId]), p.LastPlayed));
        Assert.Contains(played, p => p.Item is { Kind: TrackedMediaKind.Episode, Title: "Show" } && p.Item.Ids["tvdb"] == "100");
        Assert.True(server.Library.LargestAnswer <= JellyfinWatchHistoryLibrary.PageSize, "never more than a page of items at once");
        Assert.True(server.Library.Queries.Count(q => q.Method == "GetItemList") >= expected.Count / JellyfinWatchHistoryLibrary.PageSize);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Unplayed_missing_and_other_users_items_are_not_in_a_users_history(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var alice = server.AddUser("alice");
        var bob = server.AddUser("bob");
        var seen = server.AddMovie("Seen", 2001, ("Imdb", "tt0000001"));
        var unseen = server.AddMovie("Unseen", 2002, ("Imdb", "tt0000002"));
        var bobs = server.AddMovie("Bob's", 2003, ("Imdb", "tt0000003"));
        var show = server.AddSeries("Show", 2010, ("Tvdb", "100"));
        var missing = server.AddEpisode(show, 1, 1, missing: true);
        server.UserData.Seed(alice, seen, true, Watched);
        server.UserData.Seed(alice, unseen, false, null);
        server.UserData.Seed(alice, missing, true, Watched);
        server.UserData.Seed(bob, bobs, true, Watched);

        var played = await ToListAsync(Create(server).GetPlayedItemsAsync(alice.Id, CancellationToken.None));

        Assert.Equal([seen.Id], played.Select(p => p.Item.ItemId));
    }

    [Fact]
    public async Task A_user_Jellyfin_does_not_know_has_no_history_and_nothing_is_queried()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var library = Create(server);

        Assert.Empty(await ToListAsync(library.GetPlayedItemsAsync(Guid.NewGuid(), CancellationToken.None)));
        Assert.Equal(0, await library.CountPlayedItemsAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Empty(server.Library.Queries);
    }

    [Fact]
    public async Task Reading_the_history_stops_when_cancelled()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var user = server.AddUser();
        for (var i = 0; i < 1_200; i++)
        {
            server.UserData.Seed(user, server.AddMovie($"M{i}", 2000, ("Imdb", $"tt{i:0000000}")), true, Watched);
        }

        using var cts = new CancellationTokenSource();
        var read = 0;
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var unused in Create(server).GetPlayedItemsAsync(user.Id, cts.Token))
            {
                if (++read == 10)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(read < 1_200);
    }

    [Fact]
    public async Task On_10_11_a_movie_being_watched_again_is_not_counted_played_until_it_finishes()
    {
        // 10.11 clears Played when a resumable item starts again; 12 keeps it. The library reports what Jellyfin says.
        foreach (var line in new[] { JellyfinLine.Jellyfin1011, JellyfinLine.Jellyfin12 })
        {
            var server = new FakeJellyfinServer(line);
            var user = server.AddUser();
            var movie = server.AddMovie("Rewatch", 2001, ("Imdb", "tt0000001"));
            server.UserData.Seed(user, movie, true, Watched);
            server.UserData.StartPlayback(user, movie, Watched.AddDays(30));

            var library = Create(server);
            var played = await ToListAsync(library.GetPlayedItemsAsync(user.Id, CancellationToken.None));

            Assert.Equal(line == JellyfinLine.Jellyfin12, library.IsPlayed(user.Id, movie.Id));
            Assert.Equal(line == JellyfinLine.Jellyfin12 ? 1 : 0, played.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task A_movie_finished_in_another_version_is_in_the_history_once_with_the_movies_ids(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var movie = server.AddMovie("Dune", 2021, ("Imdb", "tt1160419"), ("Tmdb", "438631"));
        var uhd = server.AddAlternateVersion(movie);
        server.UserData.StartPlayback(user, uhd, Watched);
        server.UserData.StopPlayback(user, uhd, uhd.RunTimeTicks!.Value);

        var played = await ToListAsync(Create(server).GetPlayedItemsAsync(user.Id, CancellationToken.None));

        // 10.11 keeps the watch on the version played; 12 marks every version played but lists only the primary.
        var only = Assert.Single(played);
        Assert.Equal(line == JellyfinLine.Jellyfin12 ? movie.Id : uhd.Id, only.Item.ItemId);
        Assert.Equal(("tt1160419", "438631"), (only.Item.Ids["imdb"], only.Item.Ids["tmdb"]));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Movies_are_found_by_any_of_Simkls_ids_using_key_value_pairs_only(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var byImdb = server.AddMovie("A", 2001, ("Imdb", "tt0000001"));
        var byTmdb = server.AddMovie("B", 2002, ("Tmdb", "22"));
        var byMal = server.AddMovie("C", 2003, ("MyAnimeList", "33"));
        server.AddMovie("Other", 2004, ("Imdb", "tt0000009"), ("Tmdb", "99"));
        var series = server.AddSeries("Same tmdb as B", 2002, ("Tmdb", "22"));
        server.AddEpisode(series, 1, 1);
        var library = Create(server);

        var a = await library.FindMoviesAsync(user.Id, SimklIds.Of(("simkl", "1"), ("imdb", "tt0000001"), ("tmdb", "404")), CancellationToken.None);
        var b = await library.FindMoviesAsync(user.Id, SimklIds.Of(("tmdb", "22")), CancellationToken.None);
        var c = await library.FindMoviesAsync(user.Id, SimklIds.Of(("mal", "33")), CancellationToken.None);

        Assert.Equal([byImdb.Id], a.Select(i => i.ItemId));
        Assert.Equal([byTmdb.Id], b.Select(i => i.ItemId));
        Assert.Equal([byMal.Id], c.Select(i => i.ItemId));
        var filters = server.Library.Queries.Where(q => q.HasAnyProviderId is not null).ToList();
        Assert.NotEmpty(filters);
        Assert.All(filters, q => Assert.All(q.HasAnyProviderId!, pair => Assert.False(string.IsNullOrEmpty(pair.Value), "an \"any value\" key means AND on 10.11 and OR on 12")));
        Assert.Contains(filters, q => q.HasAnyProviderId!.ContainsKey("Imdb") && q.HasAnyProviderId.ContainsKey("Tmdb"));
    }

    [Fact]
    public async Task Ids_Jellyfin_does_not_store_find_nothing_and_never_become_an_empty_filter_that_matches_everything()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin12);
        var user = server.AddUser();
        server.AddMovie("A", 2001, ("Imdb", "tt0000001"));
        var library = Create(server);

        var movies = await library.FindMoviesAsync(user.Id, SimklIds.Of(("simkl", "53536")), CancellationToken.None);
        var episodes = await library.FindEpisodesAsync(user.Id, SimklIds.Empty, CancellationToken.None);

        Assert.Empty(movies);
        Assert.Empty(episodes);
        Assert.Empty(server.Library.Queries);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Every_episode_of_a_long_series_is_found_by_the_shows_ids_and_no_other_series_episodes(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var longShow = server.AddSeries("One Piece", 1999, ("Tvdb", "81797"), ("AniDB", "69"));
        var other = server.AddSeries("Other", 2005, ("Tvdb", "1"));
        for (var number = 1; number <= 1_100; number++)
        {
            server.AddEpisode(longShow, 1 + (number / 100), number);
        }

        server.AddEpisode(longShow, 21, 1_101, missing: true);
        server.AddEpisode(other, 1, 1);

        var found = await Create(server).FindEpisodesAsync(user.Id, SimklIds.Of(("anidb", "69")), CancellationToken.None);

        Assert.Equal(1_100, found.Count);
        Assert.All(found, e => Assert.Equal(("One Piece", "81797"), (e.Title, e.Ids["tvdb"])));
        Assert.Equal(1_100, found.Select(e => e.Episode).Distinct().Count());
        Assert.True(server.Library.LargestAnswer <= JellyfinWatchHistoryLibrary.PageSize);
    }

    [Fact]
    public async Task On_10_11_a_page_cut_short_by_items_the_user_may_not_see_does_not_end_the_lookup()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var user = server.AddUser();
        var show = server.AddSeries("Show", 2001, ("Tvdb", "5"));
        var episodes = Enumerable.Range(1, 700).Select(n => server.AddEpisode(show, 1, n)).ToList();
        foreach (var hidden in episodes.Take(300))
        {
            server.Library.Hide(hidden, user);
        }

        var found = await Create(server).FindEpisodesAsync(user.Id, SimklIds.Of(("tvdb", "5")), CancellationToken.None);

        Assert.Equal(400, found.Count);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Import_marks_played_with_Simkls_date_saved_as_an_import_and_unmarks_only_when_asked(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var movie = server.AddMovie("A", 2001, ("Imdb", "tt0000001"));
        var library = Create(server);
        var simklDate = new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.Zero);

        await library.SetPlayedAsync(user.Id, movie.Id, true, simklDate, CancellationToken.None);

        Assert.True(library.IsPlayed(user.Id, movie.Id));
        var data = server.UserData.Peek(user.Id, movie.Id)!;
        Assert.Equal((true, simklDate.UtcDateTime, 1), (data.Played, data.LastPlayedDate, data.PlayCount));
        Assert.Equal(UserDataSaveReason.Import, Assert.Single(server.UserData.Saves).Reason);

        await library.SetPlayedAsync(user.Id, movie.Id, false, null, CancellationToken.None);

        Assert.False(library.IsPlayed(user.Id, movie.Id));
        Assert.Null(server.UserData.Peek(user.Id, movie.Id)!.LastPlayedDate);
    }

    [Fact]
    public async Task Import_never_moves_a_later_last_played_date_back()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var user = server.AddUser();
        var movie = server.AddMovie("A", 2001, ("Imdb", "tt0000001"));
        server.UserData.Seed(user, movie, false, Watched);

        await Create(server).SetPlayedAsync(user.Id, movie.Id, true, new DateTimeOffset(Watched.AddYears(-1)), CancellationToken.None);

        Assert.Equal(Watched, server.UserData.Peek(user.Id, movie.Id)!.LastPlayedDate);
    }

    [Fact]
    public async Task Marking_an_item_Jellyfin_no_longer_has_fails_clearly_and_saves_nothing()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin12);
        var user = server.AddUser();

        var error = await Record.ExceptionAsync(() => Create(server).SetPlayedAsync(user.Id, Guid.NewGuid(), true, null, CancellationToken.None));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("no item", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.UserData.Saves);
    }

    [Fact]
    public async Task The_played_query_asks_for_movies_and_episodes_only()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var user = server.AddUser();

        await Create(server).CountPlayedItemsAsync(user.Id, CancellationToken.None);

        Assert.Equal([BaseItemKind.Movie, BaseItemKind.Episode], Assert.Single(server.Library.Queries).Types);
    }

    internal static JellyfinWatchHistoryLibrary Create(FakeJellyfinServer server, HistoryImportSaveScope? scope = null)
        => new(server.Library, server.Users, server.UserData, new ItemMapper(server.Library), scope ?? new HistoryImportSaveScope(), new FakeTimeProvider(), NullLogger<JellyfinWatchHistoryLibrary>.Instance);

    private static async Task<List<PlayedItem>> ToListAsync(IAsyncEnumerable<PlayedItem> items)
    {
        var list = new List<PlayedItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
