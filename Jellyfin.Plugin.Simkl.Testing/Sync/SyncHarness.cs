using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Testing.Sync;

/// <summary>
/// The history-sync core as the plugin registers it (real client, accounts, activity log, state files), over an
/// in-memory library, against the fake Simkl on simulated time.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly SimklClientHarness _client;
    private readonly TemporaryDirectory _data;
    private PlayedStateFollower? _follower;

    private SyncHarness(SimklClientHarness client, TemporaryDirectory data, FakeWatchHistoryLibrary library)
    {
        _client = client;
        _data = data;
        Library = library;
    }

    public FakeTimeProvider Time => _client.Time;

    public FakeSimklServer Simkl => _client.Simkl;

    public FakeWatchHistoryLibrary Library { get; }

    public PluginConfiguration Configuration => _client.Configuration;

    public IServiceProvider Services => _client.Services;

    public string DataFolder => _data.Path;

    public IHistoryExportRunner ExportRunner => Services.GetRequiredService<IHistoryExportRunner>();

    public IHistoryImportRunner ImportRunner => Services.GetRequiredService<IHistoryImportRunner>();

    public IUserHistorySync PerUser => Services.GetRequiredService<IUserHistorySync>();

    public IPlayedStateChangeSink Sink => Services.GetRequiredService<IPlayedStateChangeSink>();

    public IActivityLog Activity => Services.GetRequiredService<IActivityLog>();

    public ISimklAccountStore Accounts => Services.GetRequiredService<ISimklAccountStore>();

    public static async Task<SyncHarness> StartAsync(SyncOptions? options = null)
    {
        var data = new TemporaryDirectory();
        FakeWatchHistoryLibrary? library = null;
        var client = await SimklClientHarness.StartAsync(services =>
        {
            services.AddSingleton(options ?? new SyncOptions());
            services.AddSingleton<IWatchHistoryLibrary>(provider => library!);
            services.AddSimklAccounts();
            services.AddActivityLog();
            services.AddSingleton<IUserTrackingOptionsSource, UserTrackingOptionsSource>();
            services.AddHistorySync();
        }).ConfigureAwait(false);
        library = new FakeWatchHistoryLibrary(client.Time);
        client.Store.DataFolderPath.Returns(data.Path);
        return new SyncHarness(client, data, library);
    }

    /// <summary>Links a Jellyfin user to a Simkl account and sets their sync switches.</summary>
    public async Task<Guid> LinkAsync(FakeSimklUser simklUser, bool export = true, bool import = false, bool follow = false, bool unmark = false)
    {
        ArgumentNullException.ThrowIfNull(simklUser);
        var userId = Guid.NewGuid();
        await Accounts.LinkAsync(userId, new SimklToken(simklUser.Token), simklUser.Name, CancellationToken.None).ConfigureAwait(false);
        SetOptions(userId, export, import, follow, unmark);
        return userId;
    }

    public void SetOptions(Guid userId, bool export, bool import, bool follow, bool unmark)
    {
        var users = (Configuration.Users ?? []).Where(u => u.UserId != userId).ToList();
        users.Add(new UserConfiguration
        {
            UserId = userId,
            ExportHistory = export,
            ImportHistory = import,
            FollowMarkPlayed = follow,
            AllowUnmark = unmark,
            AnimeLibraryIds = [Library.AnimeLibrary],
        });
        Configuration.Users = [.. users];
    }

    /// <summary>Runs a call to completion on simulated time.</summary>
    public Task<T> RunAsync<T>(Task<T> call, TimeSpan? step = null) => Time.RunAsync(call, TimeSpan.FromHours(12), step);

    public Task RunAsync(Task call, TimeSpan? step = null) => Time.RunAsync(call, TimeSpan.FromHours(12), step);

    /// <summary>Starts the mark-played follower's loop.</summary>
    public async Task StartFollowerAsync()
    {
        _follower = Services.GetRequiredService<PlayedStateFollower>();
        await _follower.StartAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Lets simulated time run until the follower has handled this many changes in all.</summary>
    public Task WaitForFollowerAsync(long handled)
    {
        var follower = _follower ?? throw new InvalidOperationException("The follower was not started.");
        return Time.RunAsync(WaitUntilAsync(() => follower.Handled >= handled), TimeSpan.FromHours(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_follower is not null)
        {
            await _follower.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _client.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
