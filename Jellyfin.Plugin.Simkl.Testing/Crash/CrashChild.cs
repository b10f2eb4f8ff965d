using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Simulation;
using Jellyfin.Plugin.Simkl.Testing.Tracking;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// The crash test's child process: the whole plugin (registrator, hosted services, the real client, the outbox on
/// disk) on simulated time, on the data folder of the previous child, playing a batch of the script against the fake
/// Simkl in the parent. It tells the parent what it does line by line (<see cref="CrashProtocol"/>); the parent kills
/// it whenever it chooses. Unkilled, it plays the batch, delivers the whole outbox and shuts down cleanly.
/// </summary>
public static class CrashChild
{
    /// <summary>Playbacks of one batch start this many simulated seconds apart, so their writes overlap.</summary>
    private const int StaggerSeconds = 7;

    /// <summary>How long an unkilled child keeps the plugin running to empty the outbox (its backoff reaches an hour).</summary>
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromHours(6);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = CrashChildOptions.Parse(args);
        var pause = CrashPause.Parse(Environment.GetEnvironmentVariable(CrashProtocol.PauseVariable));
        var gate = new object();
        void Say(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        var harness = await TrackingHarness.AttachAsync(options.SimklUrl, options.DataRoot, options.Start, services =>
            services.AddHttpClient(SimklApiServiceCollectionExtensions.HttpClientName)
                .AddHttpMessageHandler(() => new CrashPointHandler(pause, Say))
                .AddHttpMessageHandler(provider => new SimulatedTimeHandler(provider.GetRequiredService<TimeProvider>())));
        Say(CrashProtocol.Ready);

        var users = await LinkUsersAsync(harness, options.Tokens);
        var shows = users.Select((_, u) => harness.AddSeries(CrashScript.ShowTitle(u), 2020, null, (MetadataProvider.Tvdb.ToString(), CrashScript.ShowTvdb(u)))).ToList();
        var batch = options.Playbacks.Select((index, k) => Schedule(harness, CrashScript.Playback(options.Seed, index), users, shows, k * StaggerSeconds)).ToList();

        var end = batch.Count == 0 ? 0 : batch.Max(p => p.StartSecond + p.Playback.Plan.LengthSeconds);
        var cursors = new int[batch.Count];
        var stopped = new List<int>();
        for (var second = 0; second <= end && batch.Count > 0; second++)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var (playback, item, session, startSecond) = batch[i];
                var steps = playback.Plan.Steps;
                for (; cursors[i] < steps.Count && startSecond + steps[cursors[i]].Second == second; cursors[i]++)
                {
                    var step = steps[cursors[i]];
                    var user = users[playback.User];
                    switch (step.Kind)
                    {
                        case PlanStepKind.Start:
                            Say(CrashProtocol.Begin + " " + playback.Index.ToString(CultureInfo.InvariantCulture));
                            harness.Start(session, item, step.Position, step.Paused, user);
                            break;
                        case PlanStepKind.Progress:
                            harness.Progress(session, item, step.Position, step.Paused, user);
                            break;
                        default:
                            Say(CrashProtocol.Stopping + " " + playback.Index.ToString(CultureInfo.InvariantCulture));
                            harness.Stop(session, item, step.Position, user);
                            stopped.Add(playback.Index);
                            break;
                    }
                }
            }

            if (stopped.Count > 0)
            {
                // Handled means written: the tracker puts a completion in the outbox before it tells Simkl.
                await harness.EventsHandledAsync();
                stopped.ForEach(index => Say(CrashProtocol.Stopped + " " + index.ToString(CultureInfo.InvariantCulture)));
                stopped.Clear();
            }

            await harness.TickAsync();
            if (second % 20 == 0)
            {
                await harness.Time.SettleAsync();
                Say(CrashProtocol.Time + " " + harness.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            }
        }

        await harness.FinishAsync(TimeSpan.FromHours(4));
        var outbox = harness.Services.GetRequiredService<CompletionOutbox>();
        var deadline = harness.Time.GetUtcNow() + DeliveryLimit;
        var waiting = (await outbox.GetAllAsync(CancellationToken.None)).Count;
        while (waiting > 0 && harness.Time.GetUtcNow() < deadline)
        {
            await harness.Time.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));
            waiting = (await outbox.GetAllAsync(CancellationToken.None)).Count;
        }

        Say(CrashProtocol.Time + " " + harness.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        Say(CrashProtocol.Outbox + " " + waiting.ToString(CultureInfo.InvariantCulture));
        await harness.ShutDownAsync();
        Say(CrashProtocol.Finished);
        return 0;
    }

    private static async Task<List<User>> LinkUsersAsync(TrackingHarness harness, IReadOnlyList<string> tokens)
    {
        var users = new List<User>();
        for (var u = 0; u < CrashScript.Users; u++)
        {
            var user = harness.AddUser(CrashScript.UserName(u));
            user.Id = CrashScript.UserId(u);
            if (harness.Accounts.Find(user.Id) is null)
            {
                // The first child links; the accounts file carries the links to every later one.
                await harness.Accounts.LinkAsync(user.Id, new SimklToken(tokens[u]), CrashScript.UserName(u), CancellationToken.None);
            }

            users.Add(user);
        }

        harness.SetOptions(users[CrashScript.LowThresholdUser], o => o.CompletionThresholdPercent = CrashScript.LowThreshold);
        return users;
    }

    private static (CrashPlayback Playback, BaseItem Item, SessionInfo Session, int StartSecond) Schedule(TrackingHarness harness, CrashPlayback playback, IReadOnlyList<User> users, IReadOnlyList<MediaBrowser.Controller.Entities.TV.Series> shows, int startSecond)
    {
        BaseItem item = playback.IsEpisode
            ? harness.AddEpisode(shows[playback.User], 1, playback.EpisodeNumber, playback.Plan.Runtime)
            : harness.AddMovie(playback.Title, 2021, playback.Plan.Runtime, (MetadataProvider.Imdb, playback.Imdb));
        var session = harness.Session(users[playback.User], "device-" + playback.Device.ToString(CultureInfo.InvariantCulture));
        return (playback, item, session, startSecond);
    }
}
