using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Jellyfin.Plugin.Simkl.Jellyfin;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jellyfin.Plugin.Simkl.Benchmarks.HotPath;

/// <summary>
/// What runs on Jellyfin's request thread for a progress event: the plugin's handler copies a few values and hands them
/// to the background loop's queue. The queue is emptied between iterations, outside the measurement.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(8192, 16)]
public class ProgressEventBenchmarks
{
    private PlaybackEventSubscriber _subscriber = null!;
    private PlaybackSignalQueue _queue = null!;
    private PlaybackProgressEventArgs _progress = null!;
    private PlaybackProgressEventArgs _sharedSession = null!;

    [GlobalSetup]
    public void Setup()
    {
        _queue = new PlaybackSignalQueue();
        var sessions = NSubstitute.Substitute.For<ISessionManager>();
        _subscriber = new PlaybackEventSubscriber(sessions, _queue, TimeProvider.System, NullLogger<PlaybackEventSubscriber>.Instance);
        var movie = new Movie { Id = Guid.NewGuid(), Name = "Heat", RunTimeTicks = TimeSpan.FromHours(2).Ticks };
        var session = new SessionInfo(sessions, NullLogger.Instance) { Id = "session-1", UserId = Guid.NewGuid() };
        var alice = new Database.Implementations.Entities.User("alice", "a", "b");
        var bob = new Database.Implementations.Entities.User("bob", "a", "b");
        _progress = new PlaybackProgressEventArgs { Item = movie, Session = session, Users = [alice], PlaybackPositionTicks = TimeSpan.FromMinutes(42).Ticks, IsAutomated = true };
        _sharedSession = new PlaybackProgressEventArgs { Item = movie, Session = session, Users = [alice, bob], PlaybackPositionTicks = TimeSpan.FromMinutes(42).Ticks, IsAutomated = true };
    }

    [IterationCleanup]
    public void Drain()
    {
        while (_queue.Reader.TryRead(out _))
        {
        }
    }

    [Benchmark(Baseline = true, Description = "Progress event, one user: handler to hand-off")]
    public void Progress() => _subscriber.OnPlaybackProgress(this, _progress);

    [Benchmark(Description = "Progress event, two users in one session")]
    public void SharedSession() => _subscriber.OnPlaybackProgress(this, _sharedSession);

    [GlobalCleanup]
    public void Cleanup() => _subscriber.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
}
