using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// One child process of the crash test: started on the shared data folder, read line by line, and killed with SIGKILL
/// at the moment its <see cref="CrashKill"/> names. After it ends, every line it wrote is known (the pipe keeps what
/// it wrote before it died), so what it had done when it died is exact.
/// </summary>
public sealed class CrashChildProcess : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly object _sync = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly CrashKill _kill;
    private readonly Process _process;
    private readonly FileSystemWatcher? _outboxWatcher;
    private int _outboxWrites;
    private bool _exited;

    private CrashChildProcess(Process process, CrashKill kill, string dataRoot)
    {
        _process = process;
        _kill = kill;
        if (kill.Kind == CrashKillKind.OutboxWrite)
        {
            // inotify tells us the moment the outbox's temporary file is created; the write, its flush to disk and the
            // rename take longer than the kill, and a temporary file left behind proves the kill landed inside.
            _outboxWatcher = new FileSystemWatcher(dataRoot, ".outbox.json.*.tmp") { IncludeSubdirectories = true };
            _outboxWatcher.Created += (_, _) =>
            {
                if (Interlocked.Increment(ref _outboxWrites) == kill.OutboxWrite)
                {
                    Kill();
                }
            };
            _outboxWatcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Gets a value indicating whether the parent sent SIGKILL (the child may have ended by itself just before).</summary>
    public bool Killed { get; private set; }

    /// <summary>Gets a value indicating whether the child died of SIGKILL (.NET reports 128 + the signal).</summary>
    public bool DiedByKill => _process.ExitCode == 128 + 9;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                return _lines.ToList();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_sync)
            {
                return _errors.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The writes that had left the plugin without their answer coming back when it ended.</summary>
    public int WritesInFlight => Lines.Count(l => l.StartsWith(CrashProtocol.WriteOut, StringComparison.Ordinal)) - Lines.Count(l => l.StartsWith(CrashProtocol.WriteBack, StringComparison.Ordinal));

    public DateTimeOffset? LastTime
        => Lines.Where(l => l.StartsWith(CrashProtocol.Time + " ", StringComparison.Ordinal))
            .Select(l => (DateTimeOffset?)DateTimeOffset.Parse(l[(CrashProtocol.Time.Length + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            .LastOrDefault();

    /// <summary>Starts the child with <c>dotnet exec</c> on the crash host next to this assembly.</summary>
    public static CrashChildProcess Start(string hostPath, CrashChildOptions options, CrashKill kill)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(hostPath);
        foreach (var argument in options.ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[CrashProtocol.PauseVariable] = kill.Pause?.ToString() ?? string.Empty;

        // Short-lived processes: start fast rather than optimise for a long run.
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info };
        var child = new CrashChildProcess(process, kill, options.DataRoot);
        process.Start();
        return child;
    }

    /// <summary>Reads the child until it ends, killing it as planned; true if it died of the kill.</summary>
    public async Task<bool> RunAsync()
    {
        var stdout = ReadAsync(_process.StandardOutput, OnLine);
        var stderr = ReadAsync(_process.StandardError, line =>
        {
            lock (_sync)
            {
                _errors.AppendLine(line);
            }
        });

        using var timer = _kill.Kind == CrashKillKind.RandomTime ? new Timer(_ => Kill(), null, _kill.DelayMilliseconds, System.Threading.Timeout.Infinite) : null;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
            throw new TimeoutException($"A crash test child did not finish within {Timeout}. Its last lines: {string.Join(" | ", Lines.TakeLast(10))}; errors: {Errors}");
        }

        await Task.WhenAll(stdout, stderr);
        lock (_sync)
        {
            _exited = true;
        }

        return DiedByKill;
    }

    /// <summary>The playback numbers of the lines starting with <paramref name="verb"/>.</summary>
    public IReadOnlySet<int> Indices(string verb)
        => Lines.Where(l => l.StartsWith(verb + " ", StringComparison.Ordinal)).Select(l => int.Parse(l[(verb.Length + 1)..], CultureInfo.InvariantCulture)).ToHashSet();

    public void Dispose()
    {
        _outboxWatcher?.Dispose();
        _process.Dispose();
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static async Task ReadAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private void OnLine(string line)
    {
        lock (_sync)
        {
            _lines.Add(line);
        }

        if (line.StartsWith(CrashProtocol.Paused + " ", StringComparison.Ordinal))
        {
            Kill();
        }
    }

    private void Kill()
    {
        lock (_sync)
        {
            if (Killed || _exited)
            {
                return;
            }

            try
            {
                // SIGKILL on Linux: no finally block, no flush, no shutdown runs in the child.
                _process.Kill();
                Killed = true;
            }
            catch (InvalidOperationException)
            {
                // It had already ended by itself.
            }
        }
    }
}
