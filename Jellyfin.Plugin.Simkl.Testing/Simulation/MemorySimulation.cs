using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// Memory held by the tracker after many finished playbacks, measured after a full collection: it must not grow with
/// the number of playbacks. Simkl answers instantly here (a substitute), so only the engine's own state is measured.
/// </summary>
public static class MemorySimulation
{
    public static async Task RunAsync(bool quick, SimulationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var small = quick ? 200 : 1_000;
        var large = quick ? 5_000 : 100_000;
        using var data = new TemporaryDirectory();
        await using var provider = Build(data.Path);
        var tracker = provider.GetRequiredService<PlaybackTracker>();
        var time = (FakeTimeProvider)provider.GetRequiredService<TimeProvider>();

        await PlayAsync(tracker, time, 0, small);
        var afterSmall = Measure();
        var heldAfterSmall = tracker.ActivePlaybacks;
        await PlayAsync(tracker, time, small, large);
        var afterLarge = Measure();
        var heldAfterLarge = tracker.ActivePlaybacks;

        figures.Heap = (afterSmall, afterLarge);
        figures.HeapPlaybacks = (small, large);
        figures.PlaybacksStillHeld = Math.Max(heldAfterSmall, heldAfterLarge);
        var growth = figures.HeapGrowthPerPlayback!.Value;
        figures.Tables.Add(TextTable.Format(
            "Memory after finished playbacks (full GC; engine, resolver and state only)",
            ["Finished playbacks", "Managed heap", "Playbacks still held"],
            [
                [small.ToString("N0", CultureInfo.InvariantCulture), Megabytes(afterSmall), heldAfterSmall.ToString(CultureInfo.InvariantCulture)],
                [large.ToString("N0", CultureInfo.InvariantCulture), Megabytes(afterLarge), heldAfterLarge.ToString(CultureInfo.InvariantCulture)],
                ["growth per finished playback", Math.Max(0, growth).ToString("0.#", CultureInfo.InvariantCulture) + " bytes", "0 (flat)"],
            ]));
        GC.KeepAlive(tracker);
    }

    private static long Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static async Task PlayAsync(PlaybackTracker tracker, FakeTimeProvider time, int from, int to)
    {
        var userId = Guid.Parse("11111111-2222-3333-4444-555555555555");
        for (var i = from; i < to; i++)
        {
            var item = new TrackedItem(Guid.NewGuid(), "Movie " + i, TrackedMediaKind.Movie, TimeSpan.FromSeconds(60), "/m/" + i, [], "Movie " + i, 2020, SimklIds.Of(("imdb", "tt" + i)));
            var key = new PlaybackKey("session-" + i, userId, item.ItemId);
            tracker.Handle(new PlaybackEvent(PlaybackEventKind.Start, key, time.GetUtcNow(), TimeSpan.Zero, false, item));
            for (var s = 1; s <= 30; s++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, key, time.GetUtcNow(), TimeSpan.FromSeconds(s), false));
            }

            tracker.Handle(new PlaybackEvent(PlaybackEventKind.Stop, key, time.GetUtcNow(), TimeSpan.FromSeconds(30), false));
        }

        await tracker.DrainAsync();
    }

    private static ServiceProvider Build(string dataFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero)));
        var store = Substitute.For<IPluginConfigurationStore>();
        store.DataFolderPath.Returns(dataFolder);
        store.Current.Returns(new PluginConfiguration());
        services.AddSingleton(store);

        // Plain doubles, not substitutes: a substitute remembers every call and would be what grows.
        services.AddSingleton<ISimklClient, InstantSimklClient>();
        services.AddSingleton<ISimklAccountStore, OneLinkedAccount>();
        services.AddSingleton<IActivityLog, DiscardingActivityLog>();
        services.AddSingleton<IUserTrackingOptionsSource>(new StaticOptions());
        services.AddPlaybackTracking();
        return services.BuildServiceProvider();
    }

    private sealed class StaticOptions : IUserTrackingOptionsSource
    {
        public UserTrackingOptions Get(Guid userId) => UserTrackingOptions.Default;
    }

    private sealed class InstantSimklClient : ISimklClient
    {
        private static readonly Task<SimklResult<ScrobbleResponse>> Scrobbled = Task.FromResult(SimklResult.Success(new ScrobbleResponse("1", "start", 1)));

        public Task<SimklResult<PinCode>> RequestPinCodeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SimklResult<PinPollResult>> PollPinCodeAsync(string userCode, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SimklResult<SimklUserProfile>> GetUserProfileAsync(SimklToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SimklResult<ScrobbleResponse>> ScrobbleAsync(ScrobbleAction action, ScrobbleRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken) => Scrobbled;

        public Task<SimklResult<HistoryResult>> AddToHistoryAsync(HistoryRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken)
            => Task.FromResult(SimklResult.Success(new HistoryResult(1, 0, 0, [], [])));

        public Task<SimklResult<FileMatch>> SearchByFileAsync(FileSearchRequest request, CancellationToken cancellationToken)
            => Task.FromResult(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "not found"));

        public Task<SimklResult<System.Collections.Generic.IReadOnlyList<IdSearchHit>>> SearchByIdAsync(IdLookup lookup, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SimklResult<WatchedStatus>> GetWatchedAsync(SimklIds ids, bool withEpisodes, SimklToken token, CancellationToken cancellationToken)
            => Task.FromResult(SimklResult.Success(new WatchedStatus(false, null, null, [])));
    }

    private sealed class OneLinkedAccount : ISimklAccountStore
    {
        private static readonly SimklAccountLink Link = new(Guid.Empty, new SimklToken("memory-token"), "user", DateTimeOffset.UnixEpoch);

        public event EventHandler<SimklAccountChangedEventArgs>? AccountChanged
        {
            add { }
            remove { }
        }

        public bool IsTracking(Guid userId) => true;

        public SimklAccountLink? Find(Guid userId) => Link;

        public System.Collections.Generic.IReadOnlyList<SimklAccountLink> GetAll() => [Link];

        public Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, long? simklAccountId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnlinkAsync(Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task MarkBrokenAsync(Guid userId, SimklToken rejected, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DiscardingActivityLog : IActivityLog
    {
        public int Capacity => 0;

        public void Record(ActivityEntry entry)
        {
        }

        public System.Collections.Generic.IReadOnlyList<ActivityEntry> GetRecent(Guid userId) => [];
    }
}
