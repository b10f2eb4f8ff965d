using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

public sealed class PlaybackEventSubscriberTests
{
    private readonly ISessionManager _sessions = Substitute.For<ISessionManager>();
    private readonly PlaybackSignalQueue _queue = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task It_subscribes_on_start_and_unsubscribes_on_stop()
    {
        var subscriber = new PlaybackEventSubscriber(_sessions, _queue, _time, NullLogger<PlaybackEventSubscriber>.Instance);

        await subscriber.StartAsync(CancellationToken.None);
        _sessions.PlaybackProgress += Raise.EventWith(_sessions, ProgressArgs());
        await subscriber.StopAsync(CancellationToken.None);
        _sessions.PlaybackProgress += Raise.EventWith(_sessions, ProgressArgs());

        Assert.True(_queue.Reader.TryRead(out var signal));
        Assert.Equal(PlaybackEventKind.Progress, signal.Kind);
        Assert.False(_queue.Reader.TryRead(out _));
        _sessions.Received(1).PlaybackStart += Arg.Any<EventHandler<PlaybackProgressEventArgs>>();
        _sessions.Received(1).PlaybackStart -= Arg.Any<EventHandler<PlaybackProgressEventArgs>>();
        _sessions.Received(1).PlaybackStopped -= Arg.Any<EventHandler<PlaybackStopEventArgs>>();
    }

    [Fact]
    public void A_malformed_event_never_throws_back_into_the_clients_request()
    {
        var subscriber = new PlaybackEventSubscriber(_sessions, _queue, _time, NullLogger<PlaybackEventSubscriber>.Instance);
        var broken = new PlaybackProgressEventArgs { Item = null!, Session = null!, Users = null! };

        var error = Record.Exception(() => subscriber.OnPlaybackProgress(this, broken));
        var nullArgs = Record.Exception(() => subscriber.OnPlaybackStopped(this, null!));

        Assert.Null(error);
        Assert.Null(nullArgs);
        Assert.False(_queue.Reader.TryRead(out _));
    }

    [Fact]
    public void When_the_queue_is_full_events_are_refused_not_blocked()
    {
        var subscriber = new PlaybackEventSubscriber(_sessions, _queue, _time, NullLogger<PlaybackEventSubscriber>.Instance);
        var args = ProgressArgs();

        for (var i = 0; i < PlaybackSignalQueue.Capacity + 10; i++)
        {
            subscriber.OnPlaybackProgress(this, args);
        }

        Assert.Equal(10, _queue.Refused);
    }

    [Fact]
    public void Under_pressure_progress_is_dropped_but_starts_and_stops_are_never_refused()
    {
        var subscriber = new PlaybackEventSubscriber(_sessions, _queue, _time, NullLogger<PlaybackEventSubscriber>.Instance);
        var args = ProgressArgs();
        for (var i = 0; i < PlaybackSignalQueue.Capacity + 10; i++)
        {
            subscriber.OnPlaybackProgress(this, args);
        }

        subscriber.OnPlaybackStart(this, args);
        subscriber.OnPlaybackStopped(this, new PlaybackStopEventArgs { Item = args.Item, Session = args.Session, Users = args.Users, PlaybackPositionTicks = args.PlaybackPositionTicks });

        var kinds = new System.Collections.Generic.List<PlaybackEventKind>();
        while (_queue.Reader.TryRead(out var signal))
        {
            kinds.Add(signal.Kind);
        }

        Assert.Equal([PlaybackEventKind.Start, PlaybackEventKind.Stop], kinds.Where(k => k != PlaybackEventKind.Progress));
        Assert.Equal(10, _queue.Refused);
    }

    [Fact]
    public void Each_user_of_a_shared_session_gets_a_signal_of_their_own()
    {
        var subscriber = new PlaybackEventSubscriber(_sessions, _queue, _time, NullLogger<PlaybackEventSubscriber>.Instance);
        var args = ProgressArgs();
        var second = new Database.Implementations.Entities.User("bob", "a", "b");
        args.Users.Add(second);

        subscriber.OnPlaybackProgress(this, args);

        Assert.True(_queue.Reader.TryRead(out var first));
        Assert.True(_queue.Reader.TryRead(out var other));
        Assert.Equal([args.Users[0].Id, second.Id], new[] { first.UserId, other.UserId });
        Assert.Equal(TimeSpan.FromMinutes(3).Ticks, other.PositionTicks);
    }

    private PlaybackProgressEventArgs ProgressArgs() => new()
    {
        Item = new Movie { Id = Guid.NewGuid(), Name = "Heat" },
        Session = new SessionInfo(_sessions, NullLogger.Instance) { Id = "s1", UserId = Guid.NewGuid() },
        Users = [new Database.Implementations.Entities.User("alice", "a", "b")],
        PlaybackPositionTicks = TimeSpan.FromMinutes(3).Ticks,
    };
}
