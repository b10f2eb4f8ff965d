using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

/// <summary>
/// Following "Mark played" / "Mark unplayed" through Jellyfin's UserDataSaved, on fakes of both lines: what reaches the
/// sync core, what never does (playback, our own import, 12's per-version echoes), and that the request thread only
/// ever hands off.
/// </summary>
public sealed class UserDataSavedSubscriberTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<JellyfinLine> Lines => new() { JellyfinLine.Jellyfin1011, JellyfinLine.Jellyfin12 };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Mark_played_and_mark_unplayed_in_any_client_reach_the_sync_core_as_the_item_in_our_terms(JellyfinLine line)
    {
        var world = await World.StartAsync(line);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));

        world.Server.UserData.MarkPlayed(world.User, movie, Now);
        world.Server.UserData.MarkUnplayed(world.User, movie);
        world.Drain();

        Assert.Collection(
            world.Sink.Changes,
            played =>
            {
                Assert.Equal((world.User.Id, movie.Id, true), (played.UserId, played.Item.ItemId, played.Played));
                Assert.Equal(("Heat", TrackedMediaKind.Movie, "tt0113277"), (played.Item.Title, played.Item.Kind, played.Item.Ids["imdb"]));
                Assert.Equal(new DateTimeOffset(Now), played.LastPlayed);
            },
            unplayed => Assert.False(unplayed.Played));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task A_playback_that_finishes_is_left_to_the_scrobbler_and_a_rewatch_starting_is_not_an_unmark(JellyfinLine line)
    {
        var world = await World.StartAsync(line);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        world.Server.AddAlternateVersion(movie);
        world.Server.AddAlternateVersion(movie);
        world.Server.UserData.Seed(world.User, movie, true, Now.AddYears(-1));

        // 10.11 clears Played as the rewatch starts; 12 marks the two other versions played (TogglePlayed each) every
        // time it saves the finished playback.
        world.Server.UserData.StartPlayback(world.User, movie, Now);
        world.Server.UserData.ReportProgress(world.User, movie, movie.RunTimeTicks!.Value * 95 / 100);
        world.Server.UserData.StopPlayback(world.User, movie, movie.RunTimeTicks.Value);
        world.Drain();

        var toggles = world.Server.UserData.Saves.Count(s => s.Reason == UserDataSaveReason.TogglePlayed);
        Assert.Equal(line == JellyfinLine.Jellyfin12 ? 4 : 0, toggles);
        Assert.Empty(world.Sink.Changes);
    }

    [Fact]
    public async Task On_12_a_finished_playback_mutes_only_its_own_version_echoes_not_the_users_next_mark_played()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin12);
        var watched = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        world.Server.AddAlternateVersion(watched);
        var next = world.Server.AddMovie("Ronin", 1998, ("Imdb", "tt0122690"));

        world.Server.UserData.StopPlayback(world.User, watched, watched.RunTimeTicks!.Value);
        world.Server.UserData.MarkPlayed(world.User, next, Now);
        world.Drain();

        Assert.Equal([next.Id], world.Sink.Changes.Select(c => c.Item.ItemId));
    }

    [Fact]
    public async Task On_12_marking_a_movie_with_three_versions_played_is_one_change_not_three()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin12);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        world.Server.AddAlternateVersion(movie);
        world.Server.AddAlternateVersion(movie);

        world.Server.UserData.MarkPlayed(world.User, movie, Now);
        world.Server.UserData.MarkUnplayed(world.User, movie);
        world.Drain();

        Assert.Equal(6, world.Server.UserData.Saves.Count(s => s.Reason == UserDataSaveReason.TogglePlayed));
        Assert.Equal([true, false], world.Sink.Changes.Select(c => c.Played));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Marking_a_series_played_sends_each_episode_and_collapses_nothing(JellyfinLine line)
    {
        var world = await World.StartAsync(line);
        var show = world.Server.AddSeries("Show", 2010, ("Tvdb", "100"));
        for (var number = 1; number <= 12; number++)
        {
            world.Server.AddEpisode(show, 1, number);
        }

        world.Server.AddEpisode(show, 1, 13, missing: true);

        world.Server.UserData.MarkSeriesPlayed(world.User, show, Now);
        world.Drain();

        Assert.Equal(Enumerable.Range(1, 12).Select(n => (int?)n), world.Sink.Changes.Select(c => c.Item.Episode));
        Assert.All(world.Sink.Changes, c => Assert.Equal(("Show", "100"), (c.Item.Title, c.Item.Ids["tvdb"])));
    }

    [Fact]
    public async Task Played_then_unplayed_then_played_again_are_three_changes()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin1011);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));

        world.Server.UserData.MarkPlayed(world.User, movie, Now);
        world.Server.UserData.MarkUnplayed(world.User, movie);
        world.Server.UserData.MarkPlayed(world.User, movie, Now);
        world.Server.UserData.MarkPlayed(world.User, movie, Now);
        world.Drain();

        Assert.Equal([true, false, true], world.Sink.Changes.Select(c => c.Played));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task What_history_import_marks_never_bounces_back_to_Simkl(JellyfinLine line)
    {
        var world = await World.StartAsync(line);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        var library = JellyfinWatchHistoryLibraryTests.Create(world.Server, world.ImportScope);

        await library.SetPlayedAsync(world.User.Id, movie.Id, true, DateTimeOffset.UtcNow, CancellationToken.None);
        await library.SetPlayedAsync(world.User.Id, movie.Id, false, null, CancellationToken.None);
        world.Drain();

        Assert.Equal(2, world.Server.UserData.Saves.Count);
        Assert.Empty(world.Sink.Changes);
    }

    [Fact]
    public async Task A_save_made_inside_our_import_is_ours_even_under_a_toggle_reason()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin12);
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        var data = world.Server.UserData.GetUserData(world.User, movie)!;
        data.Played = true;

        world.ImportScope.Run(world.User.Id, () => world.Server.UserData.SaveUserData(world.User, movie, data, UserDataSaveReason.TogglePlayed, CancellationToken.None));
        world.Server.UserData.SaveUserData(world.User, movie, data, UserDataSaveReason.TogglePlayed, CancellationToken.None);
        world.Drain();

        Assert.Single(world.Sink.Changes);
    }

    [Fact]
    public async Task A_user_who_is_not_linked_costs_nothing()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin1011);
        var stranger = world.Server.AddUser("stranger");
        var movie = world.Server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));

        world.Server.UserData.MarkPlayed(stranger, movie, Now);

        Assert.False(world.Queue.Reader.TryRead(out _));
    }

    [Fact]
    public void The_handler_only_hands_off_it_looks_nothing_up_on_the_request_thread()
    {
        var library = Substitute.For<ILibraryManager>();
        library.GetItemById(Arg.Any<Guid>()).Throws(new InvalidOperationException("I/O on the request thread"));
        library.GetCollectionFolders(Arg.Any<BaseItem>()).Throws(new InvalidOperationException("I/O on the request thread"));
        var queue = new PlayedStateSignalQueue();
        var subscriber = NewSubscriber(Substitute.For<IUserDataManager>(), queue, Linked(), new HistoryImportSaveScope());
        var movie = new Movie { Id = Guid.NewGuid(), Name = "Heat", RunTimeTicks = 1 };

        subscriber.OnUserDataSaved(this, Toggle(movie, played: true));

        Assert.True(queue.Reader.TryRead(out var signal));
        Assert.Same(movie, signal.Item);
        Assert.Empty(library.ReceivedCalls());
    }

    [Fact]
    public void Nothing_thrown_by_a_malformed_event_or_a_failing_check_reaches_the_clients_request()
    {
        var accounts = Substitute.For<ISimklAccountStore>();
        accounts.IsTracking(Arg.Any<Guid>()).Throws(new InvalidOperationException("boom"));
        var queue = new PlayedStateSignalQueue();
        var subscriber = NewSubscriber(Substitute.For<IUserDataManager>(), queue, accounts, new HistoryImportSaveScope());
        var movie = new Movie { Id = Guid.NewGuid() };

        Assert.Null(Record.Exception(() => subscriber.OnUserDataSaved(this, null!)));
        Assert.Null(Record.Exception(() => subscriber.OnUserDataSaved(this, new UserDataSaveEventArgs { SaveReason = UserDataSaveReason.TogglePlayed })));
        Assert.Null(Record.Exception(() => subscriber.OnUserDataSaved(this, new UserDataSaveEventArgs { Item = movie, UserId = Guid.NewGuid(), SaveReason = UserDataSaveReason.TogglePlayed })));
        Assert.Null(Record.Exception(() => subscriber.OnUserDataSaved(this, Toggle(movie, played: true))));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public void Only_movies_and_episodes_and_only_toggles_are_handed_over()
    {
        var queue = new PlayedStateSignalQueue();
        var subscriber = NewSubscriber(Substitute.For<IUserDataManager>(), queue, Linked(), new HistoryImportSaveScope());
        var movie = new Movie { Id = Guid.NewGuid() };
        var userId = Guid.NewGuid();

        foreach (var reason in Enum.GetValues<UserDataSaveReason>().Where(r => r != UserDataSaveReason.TogglePlayed))
        {
            subscriber.OnUserDataSaved(this, new UserDataSaveEventArgs { Item = movie, UserId = userId, SaveReason = reason, UserData = new UserItemData { Key = "k", Played = false } });
        }

        subscriber.OnUserDataSaved(this, new UserDataSaveEventArgs { Item = new Folder(), UserId = userId, SaveReason = UserDataSaveReason.TogglePlayed, UserData = new UserItemData { Key = "k", Played = true } });

        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public void When_the_queue_is_full_changes_are_refused_not_blocked()
    {
        var queue = new PlayedStateSignalQueue();
        var subscriber = NewSubscriber(Substitute.For<IUserDataManager>(), queue, Linked(), new HistoryImportSaveScope());
        var args = Toggle(new Movie { Id = Guid.NewGuid() }, played: true);

        for (var i = 0; i < PlayedStateSignalQueue.Capacity + 5; i++)
        {
            subscriber.OnUserDataSaved(this, args);
        }

        Assert.Equal(5, queue.Refused);
    }

    [Fact]
    public async Task It_subscribes_on_start_and_unsubscribes_on_stop()
    {
        var server = new FakeJellyfinServer(JellyfinLine.Jellyfin1011);
        var user = server.AddUser();
        var movie = server.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        var queue = new PlayedStateSignalQueue();
        var subscriber = NewSubscriber(server.UserData, queue, Linked(), new HistoryImportSaveScope());

        server.UserData.MarkPlayed(user, movie, Now);
        await subscriber.StartAsync(CancellationToken.None);
        server.UserData.MarkPlayed(user, movie, Now);
        await subscriber.StopAsync(CancellationToken.None);
        server.UserData.MarkPlayed(user, movie, Now);

        Assert.True(queue.Reader.TryRead(out _));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task The_background_loop_hands_changes_over_and_survives_a_sink_that_throws()
    {
        var world = await World.StartAsync(JellyfinLine.Jellyfin1011);
        var first = world.Server.AddMovie("First", 2001, ("Imdb", "tt0000001"));
        var second = world.Server.AddMovie("Second", 2002, ("Imdb", "tt0000002"));
        world.Sink.ThrowOn = first.Id;
        using var stop = new CancellationTokenSource();
        await world.Processor.StartAsync(stop.Token);

        world.Server.UserData.MarkPlayed(world.User, first, Now);
        world.Server.UserData.MarkPlayed(world.User, second, Now);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (world.Processor.Processed < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await world.Processor.StopAsync(CancellationToken.None);
        Assert.Equal([second.Id], world.Sink.Changes.Select(c => c.Item.ItemId));
    }

    private static UserDataSavedSubscriber NewSubscriber(IUserDataManager userData, PlayedStateSignalQueue queue, ISimklAccountStore accounts, HistoryImportSaveScope scope)
        => new(userData, queue, accounts, scope, new FakeTimeProvider(new DateTimeOffset(Now)), NullLogger<UserDataSavedSubscriber>.Instance);

    private static ISimklAccountStore Linked()
    {
        var accounts = Substitute.For<ISimklAccountStore>();
        accounts.IsTracking(Arg.Any<Guid>()).Returns(true);
        return accounts;
    }

    private static UserDataSaveEventArgs Toggle(BaseItem item, bool played) => new()
    {
        Item = item,
        UserId = Guid.NewGuid(),
        SaveReason = UserDataSaveReason.TogglePlayed,
        UserData = new UserItemData { Key = item.Id.ToString(), Played = played },
        Keys = [item.Id.ToString()],
    };

    private sealed class RecordingSink : IPlayedStateChangeSink
    {
        private readonly ConcurrentQueue<PlayedStateChange> _changes = new();

        public Guid? ThrowOn { get; set; }

        public IReadOnlyList<PlayedStateChange> Changes => _changes.ToList();

        public void Offer(PlayedStateChange change)
        {
            if (change.Item.ItemId == ThrowOn)
            {
                throw new InvalidOperationException("sink failed");
            }

            _changes.Enqueue(change);
        }
    }

    private sealed class World
    {
        private World(JellyfinLine line)
        {
            Server = new FakeJellyfinServer(line);
            User = Server.AddUser("linked");
            var accounts = Substitute.For<ISimklAccountStore>();
            accounts.IsTracking(User.Id).Returns(true);
            Subscriber = NewSubscriber(Server.UserData, Queue, accounts, ImportScope);
            Processor = new PlayedStateChangeProcessor(Queue, new ItemMapper(Server.Library), Sink, NullLogger<PlayedStateChangeProcessor>.Instance);
        }

        public FakeJellyfinServer Server { get; }

        public User User { get; }

        public PlayedStateSignalQueue Queue { get; } = new();

        public HistoryImportSaveScope ImportScope { get; } = new();

        public RecordingSink Sink { get; } = new();

        public UserDataSavedSubscriber Subscriber { get; }

        public PlayedStateChangeProcessor Processor { get; }

        public static async Task<World> StartAsync(JellyfinLine line)
        {
            var world = new World(line);
            await world.Subscriber.StartAsync(CancellationToken.None);
            return world;
        }

        /// <summary>Runs the loop's work for everything queued, in order, on the test's thread.</summary>
        public void Drain()
        {
            while (Queue.Reader.TryRead(out var signal))
            {
                Processor.Process(signal);
            }
        }
    }
}
