using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Support;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// The crash test's parent. The fake Simkl runs here, so its record of what Simkl holds survives every kill; the
/// plugin runs in child processes (<see cref="CrashChild"/>) on one data folder. Batch after batch of the script, the
/// parent starts a child and kills it with SIGKILL at a random moment, while it holds a write (sent, or answered by
/// Simkl but not yet read) or inside an outbox write; a playback cut before its stop is played again by a later child.
/// Once the kills are done, a last child runs undisturbed and delivers the outbox. Then Simkl's history must hold every
/// finished watch exactly once.
/// </summary>
/// <remarks>
/// Time: each child runs on simulated time (hours of playback take seconds), and the fake, one process for many
/// children, must judge Simkl's 20-second per-account lock on that same clock. Each child stamps every request with
/// its simulated time (<see cref="SimulatedTimeHandler"/>) and the fake reads it (<see cref="SenderClock"/>), only in
/// this test. The other way, the fake on real time with the plugin's spacing shortened, was not taken: the plugin
/// refuses a spacing under 20 s (Simkl's rule), and real time would make 200 kills take hours.
/// </remarks>
public sealed class CrashRunner
{
    public const string HostAssembly = "Jellyfin.Plugin.Simkl.Testing.CrashHost.dll";

    private readonly CrashRunOptions _options;
    private readonly TextWriter? _log;
    private readonly Random _random;
    private readonly CrashFigures _figures = new();
    private readonly Dictionary<int, CrashPlayback> _playbacks = [];
    private readonly Dictionary<int, CrashPlaybackState> _states = [];
    private readonly Dictionary<int, List<string>> _story = [];
    private readonly List<(int Child, DateTimeOffset Start, string Kill)> _children = [];
    private readonly HashSet<string> _leftovers = new(StringComparer.Ordinal);
    private int _next;

    private CrashRunner(CrashRunOptions options, TextWriter? log)
    {
        _options = options;
        _log = log;
        _random = new Random(options.Seed);
    }

    public static Task<CrashFigures> RunAsync(CrashRunOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CrashRunner(options, log).RunAsync();
    }

    private static string HostPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, HostAssembly);
        return File.Exists(path) ? path : throw new FileNotFoundException("The crash host is built beside the tests and the benchmarks (a project reference); it is missing.", path);
    }

    private async Task<CrashFigures> RunAsync()
    {
        var watch = Stopwatch.StartNew();
        var host = HostPath();
        var clock = new SenderClock(CrashScript.Origin);
        await using var simkl = await FakeSimklServer.StartAsync(clock);
        using var data = new TemporaryDirectory();
        var users = Enumerable.Range(0, CrashScript.Users).Select(u => simkl.AddUser(CrashScript.UserName(u))).ToList();
        for (var u = 0; u < CrashScript.Users; u++)
        {
            simkl.AddShow(CrashScript.ShowTitle(u), 2020, ("tvdb", CrashScript.ShowTvdb(u)));
        }

        var start = CrashScript.Origin;
        while (true)
        {
            var killing = _figures.Kills < _options.Kills;
            var batch = NextBatch(killing, simkl);
            var kill = killing ? ChooseKill() : new CrashKill(CrashKillKind.None);
            var child = _figures.Children++;
            _children.Add((child, start, kill.ToString()));
            var options = new CrashChildOptions(simkl.BaseUrl, data.Path, start, _options.Seed, batch, users.Select(u => u.Token).ToList());
            using var process = CrashChildProcess.Start(host, options, kill);
            var died = await process.RunAsync();
            if (!died && (process.ExitCode != 0 || !process.Lines.Contains(CrashProtocol.Finished)))
            {
                throw new InvalidOperationException($"Crash test child {child} failed (exit {process.ExitCode}). Last lines: {string.Join(" | ", process.Lines.TakeLast(10))}{Environment.NewLine}{process.Errors}");
            }

            Account(child, batch, process, died, kill, data.Path);
            start = Later(process.LastTime, clock.Latest) + _options.RestartTime;
            if (!died && _figures.Kills >= _options.Kills && _states.Values.All(s => s != CrashPlaybackState.Pending))
            {
                break;
            }
        }

        _figures.WallClock = watch.Elapsed;
        Judge(simkl, users);
        return _figures;
    }

    private List<int> NextBatch(bool killing, FakeSimklServer simkl)
    {
        var batch = _states.Where(s => s.Value == CrashPlaybackState.Pending).Select(s => s.Key).Order().Take(_options.BatchSize).ToList();
        while (killing && batch.Count < _options.BatchSize)
        {
            var playback = CrashScript.Playback(_options.Seed, _next++);
            _playbacks[playback.Index] = playback;
            _states[playback.Index] = CrashPlaybackState.Pending;
            _story[playback.Index] = [];
            if (!playback.IsEpisode)
            {
                simkl.AddMovie(playback.Title, 2021, ("imdb", playback.Imdb));
            }

            batch.Add(playback.Index);
        }

        return batch;
    }

    private CrashKill ChooseKill()
    {
        var roll = _random.NextDouble();
        if (roll < 0.30)
        {
            return new CrashKill(CrashKillKind.RandomTime, DelayMilliseconds: _random.Next(0, (int)_options.RandomKillWindow.TotalMilliseconds));
        }

        if (roll < 0.48)
        {
            return new CrashKill(CrashKillKind.CrashPoint, Pause: new CrashPause(CrashProtocol.WriteSent, "/", _random.Next(1, 9)));
        }

        if (roll < 0.78)
        {
            // Mostly the writes that carry a watch: a stop Simkl recorded, a history write it took.
            var prefix = _random.NextDouble() switch
            {
                < 0.5 => "/scrobble/stop",
                < 0.75 => "/sync/history",
                _ => "/",
            };
            return new CrashKill(CrashKillKind.CrashPoint, Pause: new CrashPause(CrashProtocol.WriteAnswered, prefix, _random.Next(1, prefix == "/" ? 9 : 3)));
        }

        return _random.NextDouble() < 0.85
            ? new CrashKill(CrashKillKind.OutboxWrite, OutboxWrite: _random.Next(1, 5))
            : new CrashKill(CrashKillKind.None);
    }

    private void Account(int child, IReadOnlyList<int> batch, CrashChildProcess process, bool died, CrashKill kill, string dataRoot)
    {
        var begun = process.Indices(CrashProtocol.Begin);
        var stopping = process.Indices(CrashProtocol.Stopping);
        var stopped = process.Indices(CrashProtocol.Stopped);
        var paused = process.Lines.FirstOrDefault(l => l.StartsWith(CrashProtocol.Paused + " ", StringComparison.Ordinal));
        var killNote = died ? "killed at " + (paused ?? kill.ToString()) : "ran to the end";
        foreach (var index in batch)
        {
            var story = _story[index];
            if (stopped.Contains(index))
            {
                _states[index] = CrashPlaybackState.Stopped;
                story.Add($"child {child}: played and stopped; child {killNote}");
            }
            else if (stopping.Contains(index))
            {
                _states[index] = CrashPlaybackState.Uncertain;
                story.Add($"child {child}: killed while handling the stop ({killNote})");
            }
            else if (begun.Contains(index))
            {
                _figures.PlayedAgain++;
                story.Add($"child {child}: killed while playing ({killNote}); played again");
            }
        }

        // A watch on disk meets every later child: note the kills it lived through until it was delivered.
        foreach (var (index, state) in _states.Where(s => s.Value is CrashPlaybackState.Stopped or CrashPlaybackState.Uncertain && !batch.Contains(s.Key)))
        {
            if (died && _story[index].Count < 12)
            {
                _story[index].Add($"child {child}: {killNote}");
            }
        }

        if (!died)
        {
            return;
        }

        _figures.Kills++;
        _figures.KillsByKind[kill.Kind] = _figures.KillsByKind.GetValueOrDefault(kill.Kind) + 1;
        if (process.WritesInFlight > 0)
        {
            _figures.KillsDuringWrites++;
        }

        if (paused?.StartsWith(CrashProtocol.Paused + " " + CrashProtocol.WriteAnswered, StringComparison.Ordinal) == true)
        {
            _figures.KillsAfterSimklAnswered++;
        }

        var leftovers = Directory.EnumerateFiles(dataRoot, ".outbox.json.*.tmp", SearchOption.AllDirectories).Where(_leftovers.Add).Count();
        if (leftovers > 0)
        {
            _figures.KillsDuringOutboxWrites++;
        }

        _log?.WriteLine($"crash: child {child} {killNote}; kills {_figures.Kills}/{_options.Kills}");
    }

    private void Judge(FakeSimklServer simkl, IReadOnlyList<FakeSimklUser> users)
    {
        var history = simkl.History;
        var requests = simkl.Requests;
        _figures.Playbacks = _playbacks.Count;
        _figures.RecordedTwice = simkl.CountRecordedTwice();
        _figures.LockViolations = simkl.LockViolations;
        foreach (var refusal in simkl.LockRefusals)
        {
            _log?.WriteLine(FormattableString.Invariant(
                $"crash: Simkl's lock refused {refusal.Path} of {refusal.UserName} at {(refusal.At - CrashScript.Origin).TotalSeconds:0.000} s, {(refusal.At - refusal.PreviousWriteAt).TotalSeconds:0.000} s after its previous write"));
        }

        _figures.ByScrobble = history.Count(h => h.Via == "scrobble");
        _figures.ByHistory = history.Count(h => h.Via == "history");
        foreach (var playback in _playbacks.Values.OrderBy(p => p.Index))
        {
            var user = users[playback.User].Name;
            var simklId = playback.IsEpisode ? simkl.CatalogIdOf("tvdb", CrashScript.ShowTvdb(playback.User)) : simkl.CatalogIdOf("imdb", playback.Imdb);
            int? episode = playback.IsEpisode ? playback.EpisodeNumber : null;
            var recorded = history.Where(h => h.UserName == user && h.SimklId == simklId && h.Episode == episode).ToList();
            var state = _states[playback.Index];
            if (!playback.CompletionExpected)
            {
                _figures.RecordedWithoutWatch += recorded.Count;
                if (recorded.Count > 0)
                {
                    Describe("recorded without a watch", playback, recorded, requests, user);
                }

                continue;
            }

            if (state == CrashPlaybackState.Uncertain)
            {
                _figures.StopsCutByKill++;
                _figures.StopsCutByKillRecorded += Math.Min(1, recorded.Count);
            }
            else
            {
                _figures.CompletionsExpected++;
                _figures.CompletionsRecorded += Math.Min(1, recorded.Count);
                if (recorded.Count == 0)
                {
                    Describe("LOST", playback, recorded, requests, user);
                }
            }

            if (recorded.Count > 1)
            {
                Describe("RECORDED TWICE", playback, recorded, requests, user);
            }
        }
    }

    private void Describe(string what, CrashPlayback playback, IReadOnlyList<FakeSimklHistoryEntry> recorded, IReadOnlyList<FakeSimklRequest> requests, string user)
    {
        var item = playback.IsEpisode ? $"{playback.Title} (S01E{playback.EpisodeNumber:00})" : $"{playback.Title} ({playback.Imdb})";
        var writes = requests
            .Where(r => r.IsWrite && r.UserName == user && Mentions(r.Body, playback))
            .Select(r => $"{r.Time:HH:mm:ss} child {ChildAt(r.Time)} {r.Path} -> {r.Status}");
        _figures.Problems.Add(
            $"{what}: playback {playback.Index}, {user}, {item}, stopped at {playback.Plan.FinalPercent:0.#} %."
            + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", _story[playback.Index])
            + Environment.NewLine + "  Simkl recorded: " + (recorded.Count == 0 ? "nothing" : string.Join(", ", recorded.Select(h => $"{h.WatchedAt:HH:mm:ss} via {h.Via}")))
            + Environment.NewLine + "  Writes for it: " + string.Join("; ", writes));
    }

    private int ChildAt(DateTimeOffset time) => _children.LastOrDefault(c => c.Start <= time).Child;

    private static bool Mentions(string body, CrashPlayback playback)
    {
        if (!playback.IsEpisode)
        {
            return body.Contains(playback.Imdb, StringComparison.Ordinal);
        }

        try
        {
            var json = JsonNode.Parse(body);
            var number = playback.EpisodeNumber;
            return json?["episode"]?["number"]?.GetValue<int>() == number
                   || (json?["shows"]?.AsArray().SelectMany(s => s?["seasons"]?.AsArray() ?? []).SelectMany(s => s?["episodes"]?.AsArray() ?? []).Any(e => e?["number"]?.GetValue<int>() == number) ?? false);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
