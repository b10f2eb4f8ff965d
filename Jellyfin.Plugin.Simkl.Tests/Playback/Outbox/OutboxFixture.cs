using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>
/// The outbox, its delivery and its replayer over a real data folder and a real account store, with Simkl's answers
/// chosen by each test (a substitute client), on simulated time.
/// </summary>
internal sealed class OutboxFixture : IDisposable
{
    public static readonly SimklMedia Heat = new(SimklMediaKind.Movie, new SimklMediaObject("Heat", 1995, SimklIds.Of(("imdb", "tt0113277"))));

    private readonly ILoggerFactory _loggers;
    private readonly bool _ownsData;

    public OutboxFixture(TemporaryDirectory? data = null)
    {
        // A fixture given a folder is the same server started again on it: the first one cleans it up.
        _ownsData = data is null;
        Data = data ?? new TemporaryDirectory();
        Configuration.DataFolderPath.Returns(Data.Path);
        Configuration.Current.Returns(new PluginConfiguration());
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Client.AddToHistoryAsync(default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Success(new HistoryResult(1, 0, 0, [], [])));
        Client.GetWatchedAsync(default!, default, default!, default).ReturnsForAnyArgs(SimklResult.Success(new WatchedStatus(false, null, null, [])));
        Client.GetUserProfileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Failure<SimklUserProfile>(SimklOutcome.Unavailable, "Not asked in this test."));
        Accounts = new FileSimklAccountStore(Configuration, Time, _loggers.CreateLogger<FileSimklAccountStore>());
        Outbox = new CompletionOutbox(Configuration, Accounts, Activity, Time, Options, _loggers.CreateLogger<CompletionOutbox>());
        Delivery = new OutboxDelivery(Client, Accounts, Outbox, Activity, Time, Options, _loggers.CreateLogger<OutboxDelivery>());
        Replayer = new OutboxReplayer(Outbox, Delivery, Accounts, Client, Time, Options, _loggers.CreateLogger<OutboxReplayer>());
    }

    public TemporaryDirectory Data { get; }

    public IPluginConfigurationStore Configuration { get; } = Substitute.For<IPluginConfigurationStore>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));

    public RecordingLoggerProvider Logs { get; } = new();

    public ISimklClient Client { get; } = Substitute.For<ISimklClient>();

    public IActivityLog Activity { get; } = Substitute.For<IActivityLog>();

    public CompletionOutboxOptions Options { get; } = new();

    public FileSimklAccountStore Accounts { get; }

    public CompletionOutbox Outbox { get; }

    public OutboxDelivery Delivery { get; }

    public OutboxReplayer Replayer { get; }

    public string OutboxPath => Path.Combine(Data.Path, CompletionOutbox.FileName);

    public PendingCompletion Completion(Guid userId, SimklMedia? media = null, int[]? episodes = null, TimeSpan? ago = null)
    {
        var now = Time.GetUtcNow();
        var watchedAt = now - (ago ?? TimeSpan.FromMinutes(5));
        var what = media ?? Heat;
        return new PendingCompletion(CompletionOutbox.IdentityOf(userId, what, watchedAt), userId, what.Media.Title ?? "item", what, episodes ?? [], watchedAt, now, now);
    }

    public ActivityEntry[] ActivityOf(Guid userId)
        => Activity.ReceivedCalls().Select(c => c.GetArguments()[0]).OfType<ActivityEntry>().Where(e => e.UserId == userId).ToArray();

    public Task<int> HistoryCallsAsync()
        => Task.FromResult(Client.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(ISimklClient.AddToHistoryAsync)));

    public void Dispose()
    {
        Replayer.Dispose();
        Outbox.Dispose();
        Accounts.Dispose();
        _loggers.Dispose();
        Logs.Dispose();
        if (_ownsData)
        {
            Data.Dispose();
        }
    }
}
