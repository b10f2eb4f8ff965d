using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Support;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Tracking;

/// <summary>
/// The whole plugin as the server runs it (registrator, hosted services), on simulated time, with Jellyfin's session
/// manager substituted so tests raise real playback events, and the fake Simkl on the other side.
/// </summary>
public sealed class TrackingHarness : IAsyncDisposable
{
    private readonly Dictionary<Guid, BaseItem> _items = [];
    private readonly Dictionary<Guid, Folder> _libraryOf = [];
    private readonly TemporaryDirectory _dataRoot;
    private readonly bool _ownsDataRoot;
    private readonly FakeSimklServer? _simkl;
    private readonly Uri _simklBaseUrl;
    private readonly Action<IServiceCollection>? _extraServices;
    private readonly NetworkActivity _network = new();
    private readonly Queue<Action> _held = new();
    private int _queued;
    private ServerContainer _server = null!;
    private List<IHostedService> _hosted = [];
    private long _published;

    private TrackingHarness(FakeTimeProvider time, FakeSimklServer? simkl, Uri simklBaseUrl, TemporaryDirectory dataRoot, bool ownsDataRoot, Action<IServiceCollection>? extraServices = null)
    {
        Time = time;
        _simkl = simkl;
        _simklBaseUrl = simklBaseUrl;
        _dataRoot = dataRoot;
        _ownsDataRoot = ownsDataRoot;
        _extraServices = extraServices;
        Time.WaitFor(() => _network.InFlight > Stalled || Volatile.Read(ref _queued) > 0 || (_server is not null && Processor.Processed < Interlocked.Read(ref _published)));
    }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Gets or sets how <c>PlaybackStart</c> and <c>PlaybackStopped</c> reach the plugin. Jellyfin's SessionManager
    /// (v10.11.11) raises both through <c>EventHelper.QueueEventIfNotNull</c>, a <c>Task.Run</c> on the thread pool,
    /// while <c>PlaybackProgress</c> is invoked at once on the caller's thread (the client's request or the session's
    /// 1 Hz timer). <see cref="ServerEventOrder.ThreadPool"/> (the default) does the same; <see cref="ServerEventOrder.Held"/>
    /// keeps them until <see cref="ReleaseQueuedEvents"/>, so a test can put a progress exactly before a start or after a stop.
    /// </summary>
    public ServerEventOrder EventOrder { get; set; } = ServerEventOrder.ThreadPool;

    /// <summary>Gets the fake Simkl of this harness (not available when it runs in another process, see <see cref="AttachAsync"/>).</summary>
    public FakeSimklServer Simkl => _simkl ?? throw new InvalidOperationException("The fake Simkl of this harness runs in another process.");

    /// <summary>Gets the plugin's data folder (the outbox, the accounts and the activity log live under it).</summary>
    public string DataRoot => _dataRoot.Path;

    public Folder Movies { get; } = new() { Id = Guid.NewGuid(), Name = "Movies" };

    public Folder Shows { get; } = new() { Id = Guid.NewGuid(), Name = "Shows" };

    public Folder AnimeLibrary { get; } = new() { Id = Guid.NewGuid(), Name = "Anime" };

    public ISessionManager Sessions => _server.SessionManager;

    public IServiceProvider Services => _server.Provider;

    public RecordingLoggerProvider Logs => _server.Logs;

    public PluginConfiguration Configuration => _server.Plugin!.Configuration;

    internal PlaybackTracker Tracker => Services.GetRequiredService<PlaybackTracker>();

    internal PlaybackSignalProcessor Processor => Services.GetRequiredService<PlaybackSignalProcessor>();

    internal ISimklAccountStore Accounts => Services.GetRequiredService<ISimklAccountStore>();

    private int Stalled => _simkl?.Stalled ?? 0;

    public static async Task<TrackingHarness> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        var simkl = await FakeSimklServer.StartAsync(time);
        var harness = new TrackingHarness(time, simkl, simkl.BaseUrl, new TemporaryDirectory(), ownsDataRoot: true);
        await harness.BootAsync();
        return harness;
    }

    /// <summary>
    /// The plugin alone, on simulated time starting at <paramref name="now"/>, on a data folder that outlives it (never
    /// deleted here), talking to a fake Simkl in another process: the crash test's child. <paramref name="extraServices"/>
    /// adds to the server's container (handlers on the plugin's HTTP client, for instance).
    /// </summary>
    public static async Task<TrackingHarness> AttachAsync(Uri simklBaseUrl, string dataRoot, DateTimeOffset now, Action<IServiceCollection>? extraServices = null)
    {
        var harness = new TrackingHarness(new FakeTimeProvider(now), null, simklBaseUrl, new TemporaryDirectory(dataRoot), ownsDataRoot: false, extraServices);
        await harness.BootAsync();
        return harness;
    }

    /// <summary>Stops the plugin as a server shutdown does and starts a new instance on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await BootAsync();
    }

    public Movie AddMovie(string name, int year, TimeSpan runtime, params (MetadataProvider Provider, string Id)[] ids)
        => AddMovie(name, year, runtime, Movies, ids.Select(i => (i.Provider.ToString(), i.Id)).ToArray());

    /// <summary>Adds a movie with provider ids by key, as anime metadata plugins set them ("AniDB", "MyAnimeList"...).</summary>
    public Movie AddMovie(string name, int year, TimeSpan? runtime, Folder library, params (string Key, string Id)[] ids)
    {
        var movie = new Movie { Id = Guid.NewGuid(), Name = name, ProductionYear = year, RunTimeTicks = runtime?.Ticks, Path = $"/media/movies/{name} ({year})/{name}.mkv" };
        foreach (var (key, id) in ids)
        {
            movie.SetProviderId(key, id);
        }

        return Register(movie, library);
    }

    /// <summary>Adds a movie to the fake Simkl's catalog and the same movie, with the same IMDb id, to the Movies library.</summary>
    public Movie AddMovieKnownToSimkl(string name, int year, TimeSpan runtime, string imdbId)
    {
        Simkl.AddMovie(name, year, ("imdb", imdbId));
        return AddMovie(name, year, runtime, (MetadataProvider.Imdb, imdbId));
    }

    public Series AddSeries(string name, int year, Folder? library = null, params (string Key, string Id)[] ids)
    {
        var series = new Series { Id = Guid.NewGuid(), Name = name, ProductionYear = year, Path = $"/media/shows/{name}" };
        foreach (var (key, id) in ids)
        {
            series.SetProviderId(key, id);
        }

        return Register(series, library ?? Shows);
    }

    /// <summary>Adds a show to the fake Simkl's catalog and the same series, with the same TVDB id, to the Shows library.</summary>
    public Series AddSeriesKnownToSimkl(string name, int year, string tvdbId)
    {
        Simkl.AddShow(name, year, ("tvdb", tvdbId));
        return AddSeries(name, year, null, ("Tvdb", tvdbId));
    }

    public Episode AddEpisode(Series series, int? season, int? number, TimeSpan? runtime, int? lastNumber = null, string? path = null)
    {
        var episode = new Episode
        {
            Id = Guid.NewGuid(),
            Name = "Episode " + number,
            SeriesId = series.Id,
            SeriesName = series.Name,
            ParentIndexNumber = season,
            IndexNumber = number,
            IndexNumberEnd = lastNumber,
            RunTimeTicks = runtime?.Ticks,
            Path = path ?? FormattableString.Invariant($"{series.Path}/Season {season:00}/{series.Name} S{season:00}E{number:00}.mkv"),
        };

        // Episodes carry ids of their own; the tracker must never send them as the show.
        episode.SetProviderId(MetadataProvider.Tvdb, "9" + (number ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000");
        return Register(episode, _libraryOf[series.Id]);
    }

    public T Register<T>(T item, Folder library)
        where T : BaseItem
    {
        _items[item.Id] = item;
        _libraryOf[item.Id] = library;
        return item;
    }

    public async Task<User> AddLinkedUserAsync(string name, FakeSimklUser? simklUser = null)
    {
        var user = AddUser(name);
        var account = simklUser ?? Simkl.AddUser(name);
        await Accounts.LinkAsync(user.Id, new SimklToken(account.Token), account.Name, account.AccountId, CancellationToken.None);
        return user;
    }

    /// <summary>Adds a linked user (<see cref="AddLinkedUserAsync"/>) who is playing on one device of theirs (<see cref="Session"/>).</summary>
    public async Task<(User User, SessionInfo Session)> AddLinkedUserInSessionAsync(string name)
    {
        var user = await AddLinkedUserAsync(name);
        return (user, Session(user));
    }

    public User AddUser(string name) => new(name, "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider", "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider");

    public SessionInfo Session(User user, string? deviceId = null)
        => new(Sessions, NullLogger.Instance) { Id = Guid.NewGuid().ToString("N"), UserId = user.Id, UserName = user.Username, DeviceId = deviceId ?? "device-" + user.Username };

    public void SetOptions(User user, Action<UserConfiguration> change)
    {
        var configuration = Configuration;
        var options = configuration.Users.FirstOrDefault(u => u.UserId == user.Id) ?? new UserConfiguration { UserId = user.Id };
        change(options);
        configuration.Users = [.. configuration.Users.Where(u => u.UserId != user.Id), options];
        Services.GetRequiredService<IPluginConfigurationStore>().Save(configuration);
    }

    public void Start(SessionInfo session, BaseItem item, TimeSpan position, bool paused = false, params User[] users)
        => RaiseEvent(PlaybackEventKind.Start, session, item, position, paused, false, users);

    /// <summary>Raises progress as the client itself reports it (a check-in, a pause, a seek).</summary>
    public void Progress(SessionInfo session, BaseItem item, TimeSpan? position, bool paused = false, params User[] users)
        => RaiseEvent(PlaybackEventKind.Progress, session, item, position, paused, false, users);

    public void Stop(SessionInfo session, BaseItem item, TimeSpan? position, params User[] users)
        => RaiseEvent(PlaybackEventKind.Stop, session, item, position, false, false, users);

    /// <summary>
    /// Plays from <paramref name="from"/> for <paramref name="duration"/>: Jellyfin's automated 1 Hz progress, with the
    /// client checking in itself every 10 seconds as Jellyfin's web client does.
    /// </summary>
    public Task PlayAsync(SessionInfo session, BaseItem item, TimeSpan from, TimeSpan duration, params User[] users)
        => AdvancePlaybackAsync(session, item, from, duration, clientChecksIn: true, users);

    /// <summary>
    /// One ordinary playback: starts <paramref name="item"/> at the beginning, plays it (<see cref="PlayAsync"/>) until
    /// <paramref name="stopAt"/> and stops it there. Returns the simulated time of the stop. The stop may still be on its
    /// way to the plugin; <see cref="FinishAsync"/> waits for it.
    /// </summary>
    public async Task<DateTimeOffset> WatchUntilAsync(SessionInfo session, BaseItem item, TimeSpan stopAt, params User[] users)
    {
        Start(session, item, TimeSpan.Zero, users: users);
        await PlayAsync(session, item, TimeSpan.Zero, stopAt, users);
        var stoppedAt = Time.GetUtcNow();
        Stop(session, item, stopAt, users);
        return stoppedAt;
    }

    /// <summary>
    /// Watches <paramref name="item"/> from the beginning to the end of its runtime (<see cref="WatchUntilAsync"/>), then
    /// lets the plugin finish with it (<see cref="FinishAsync"/>), so a test can look at what reached Simkl.
    /// </summary>
    public async Task WatchToTheEndAsync(SessionInfo session, BaseItem item, params User[] users)
    {
        await WatchUntilAsync(session, item, TimeSpan.FromTicks(item.RunTimeTicks!.Value), users);
        await FinishAsync();
    }

    /// <summary>The user watches <paramref name="item"/> to the end (<see cref="WatchToTheEndAsync(SessionInfo, BaseItem, User[])"/>) in a session of their own.</summary>
    public Task WatchToTheEndAsync(User user, BaseItem item) => WatchToTheEndAsync(Session(user), item, user);

    /// <summary>The client has gone: only the server's own timer keeps moving the position on, once a second.</summary>
    public Task ServerTicksOnAsync(SessionInfo session, BaseItem item, TimeSpan from, TimeSpan duration, params User[] users)
        => AdvancePlaybackAsync(session, item, from, duration, clientChecksIn: false, users);

    /// <summary>Moves a playing item on once a second; <paramref name="clientChecksIn"/> says whether its client still reports.</summary>
    public async Task AdvancePlaybackAsync(SessionInfo session, BaseItem item, TimeSpan from, TimeSpan duration, bool clientChecksIn, params User[] users)
    {
        var position = from;
        var end = from + duration;
        var steps = 0;
        while (position < end)
        {
            await TickAsync();
            position += TimeSpan.FromSeconds(1);
            RaiseEvent(PlaybackEventKind.Progress, session, item, position, false, !clientChecksIn || (steps + 1) % 10 != 0, users);
            if (++steps % 10 == 0)
            {
                await Time.SettleAsync();
            }
        }

        await Time.SettleAsync();
    }

    /// <summary>Pauses for <paramref name="duration"/> (a paused session gets no automated progress), then resumes.</summary>
    public async Task PauseAsync(SessionInfo session, BaseItem item, TimeSpan position, TimeSpan duration, params User[] users)
    {
        Progress(session, item, position, true, users);
        await Time.AdvanceAsync(duration, TimeSpan.FromSeconds(1));
        Progress(session, item, position, false, users);
        await Time.SettleAsync();
    }

    /// <summary>Raises the start and stop events held back so far (<see cref="ServerEventOrder.Held"/>), oldest first unless told otherwise.</summary>
    public void ReleaseQueuedEvents(bool newestFirst = false)
    {
        var held = _held.ToList();
        _held.Clear();
        if (newestFirst)
        {
            held.Reverse();
        }

        foreach (var raise in held)
        {
            raise();
        }
    }

    /// <summary>Lets every queued event and every call to Simkl finish on simulated time.</summary>
    public async Task FinishAsync(TimeSpan? limit = null)
    {
        ReleaseQueuedEvents();
        await Time.SettleAsync();
        await Time.RunAsync(Tracker.DrainAsync(), limit ?? TimeSpan.FromHours(2), TimeSpan.FromSeconds(1));
        await Time.SettleAsync();
    }

    /// <summary>
    /// Waits (in real time, bounded) until the plugin's event loop has handled every event raised so far, without
    /// waiting for the calls to Simkl those events started.
    /// </summary>
    public async Task EventsHandledAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Handled means safe: every event raised (starts and stops reach the plugin later, from the thread pool), through
        // the loop, and every stop's watch on disk (the loop hands the outbox write to the background).
        while (Volatile.Read(ref _queued) > 0 || Processor.Processed < Interlocked.Read(ref _published) || Tracker.StopsBeingRecorded > 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The plugin's event loop did not catch up within 30 s of real time.");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Moves simulated time on by one second, first waiting for any request still on the wire.</summary>
    public async Task TickAsync()
    {
        // While calls wait for their turn, their timers fire on the next step: let them reach the wire first, so
        // Simkl sees each request at the simulated time the client sent it. Starts and stops queued on the thread pool
        // reach the plugin within milliseconds on a real server, so simulated time does not run ahead of them either:
        // they may still come out of order within the second, as on the server, but never a second late.
        if (Volatile.Read(ref _queued) > 0 || _network.InFlight > Stalled || Services.GetRequiredService<SimklBurstGate>().Waiting > 0 || Services.GetRequiredService<SimklAccountWriteScheduler>().Pending > 0)
        {
            await Time.SettleAsync();
        }

        Time.Advance(TimeSpan.FromSeconds(1));
    }

    public IReadOnlyList<FakeSimklRequest> Scrobbles() => Simkl.Requests.Where(r => r.Path.StartsWith("/scrobble/", StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        if (_simkl is not null)
        {
            await _simkl.DisposeAsync();
        }

        if (_ownsDataRoot)
        {
            _dataRoot.Dispose();
        }
    }

    /// <summary>Stops the plugin as a server shutdown does (hosted services stopped, container disposed); the data stays.</summary>
    public Task ShutDownAsync() => StopServerAsync();

    /// <summary>Reads the completion outbox: the watches the plugin still has to get recorded on Simkl.</summary>
    internal Task<IReadOnlyList<PendingCompletion>> OutboxAsync() => Services.GetRequiredService<CompletionOutbox>().GetAllAsync(CancellationToken.None);

    private void RaiseEvent(PlaybackEventKind kind, SessionInfo session, BaseItem item, TimeSpan? position, bool paused, bool automated, User[] users)
    {
        var args = kind == PlaybackEventKind.Stop ? new PlaybackStopEventArgs() : new PlaybackProgressEventArgs();
        args.Item = item;
        args.Session = session;
        args.Users = users.ToList();
        args.PlaybackPositionTicks = position?.Ticks;
        args.IsPaused = paused;
        args.IsAutomated = automated;
        args.DeviceId = session.DeviceId;
        args.PlaySessionId = session.Id;
        var sessions = Sessions;
        var count = Math.Max(users.Length, 1);
        void Invoke()
        {
            Interlocked.Add(ref _published, count);
            switch (kind)
            {
                case PlaybackEventKind.Start:
                    sessions.PlaybackStart += Raise.EventWith(sessions, args);
                    break;
                case PlaybackEventKind.Progress:
                    sessions.PlaybackProgress += Raise.EventWith(sessions, args);
                    break;
                default:
                    sessions.PlaybackStopped += Raise.EventWith(sessions, (PlaybackStopEventArgs)args);
                    break;
            }
        }

        if (kind == PlaybackEventKind.Progress || EventOrder == ServerEventOrder.Immediate)
        {
            Invoke();
            return;
        }

        if (EventOrder == ServerEventOrder.Held)
        {
            _held.Enqueue(Invoke);
            return;
        }

        // As EventHelper.QueueEventIfNotNull does: the handler runs later on the thread pool, concurrently with whatever
        // the caller raises next. Counted as published at once, so simulated time waits for it like any queued event.
        Interlocked.Add(ref _queued, 1);
        _ = Task.Run(() =>
        {
            try
            {
                Invoke();
            }
            finally
            {
                Interlocked.Add(ref _queued, -1);
            }
        });
    }

    private async Task BootAsync()
    {
        var server = new ServerContainer(_dataRoot);
        server.LibraryManager.GetItemById(Arg.Any<Guid>()).Returns(call => _items.GetValueOrDefault(call.Arg<Guid>()));
        server.LibraryManager.GetCollectionFolders(Arg.Any<BaseItem>())
            .Returns(call => _libraryOf.TryGetValue(call.Arg<BaseItem>().Id, out var library) ? [library] : new List<Folder>());
        server.Build(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(SimklApiServiceCollectionExtensions.HttpClientName)
                .AddHttpMessageHandler(_network.CreateHandler)
                .AddHttpMessageHandler(() => new SimulatedTimeHandler(Time));
            _extraServices?.Invoke(services);
        });
        _server = server;
        Configuration.ClientId = FakeSimklServer.ClientId;
        Configuration.SimklApiBaseUrl = _simklBaseUrl.ToString();
        _hosted = Services.GetServices<IHostedService>().ToList();
        foreach (var service in _hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await Time.SettleAsync();
    }

    private async Task StopServerAsync()
    {
        if (_server is null)
        {
            return;
        }

        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        _server.Dispose();
        _server = null!;

        // Events still queued died with the old instance, as they do in a real restart.
        Interlocked.Exchange(ref _published, 0);
    }
}
