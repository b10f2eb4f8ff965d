using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// The last <see cref="Capacity"/> tracking events per user, in memory for the config page and saved to
/// <c>activity.json</c> in the data folder so they survive a restart. Saving happens off the caller's thread.
/// </summary>
internal sealed partial class ActivityLog : IActivityLog, IDisposable, IAsyncDisposable
{
    public const string FileName = "activity.json";

    private readonly IPluginConfigurationStore _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<ActivityLog> _logger;
    private readonly object _sync = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private Dictionary<Guid, LinkedList<ActivityEntry>>? _entries;
    private int _saveScheduled;
    private int _disposed;

    public ActivityLog(IPluginConfigurationStore configuration, TimeProvider time, ILogger<ActivityLog> logger)
    {
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public int Capacity => 50;

    /// <summary>Gets the task of the latest save, for tests and orderly shutdown.</summary>
    internal Task PendingSave { get; private set; } = Task.CompletedTask;

    private string FilePath => Path.Combine(_configuration.DataFolderPath, FileName);

    public void Record(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_sync)
        {
            var entries = Entries();
            if (!entries.TryGetValue(entry.UserId, out var list))
            {
                entries[entry.UserId] = list = new LinkedList<ActivityEntry>();
            }

            list.AddFirst(entry);
            while (list.Count > Capacity)
            {
                list.RemoveLast();
            }
        }

        if (Volatile.Read(ref _disposed) == 0 && Interlocked.Exchange(ref _saveScheduled, 1) == 0)
        {
            PendingSave = Task.Run(SaveAsync);
        }
    }

    public IReadOnlyList<ActivityEntry> GetRecent(Guid userId)
    {
        lock (_sync)
        {
            return Entries().TryGetValue(userId, out var list) ? list.ToList() : [];
        }
    }

    /// <summary>Waits for the last save, so what the page showed last survives the shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Saves never throw (they log), so this only waits; a save scheduled meanwhile is waited for too.
        for (var pending = PendingSave; ; pending = PendingSave)
        {
            await pending.ConfigureAwait(false);
            if (ReferenceEquals(pending, PendingSave))
            {
                break;
            }
        }

        if (Interlocked.Exchange(ref _saveScheduled, 0) == 1)
        {
            await SaveAsync().ConfigureAwait(false);
        }

        _saving.Dispose();
    }

    /// <summary>The same as <see cref="DisposeAsync"/>, for a container disposed synchronously.</summary>
    public void Dispose() => Task.Run(async () => await DisposeAsync().ConfigureAwait(false)).GetAwaiter().GetResult();

    private async Task SaveAsync()
    {
        // One save at a time, each taking its snapshot once it runs: an older snapshot never overwrites a newer one.
        try
        {
            await _saving.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Shut down already: the final save has run.
            return;
        }

        try
        {
            await SaveSnapshotAsync().ConfigureAwait(false);
        }
        finally
        {
            _saving.Release();
        }
    }

    private async Task SaveSnapshotAsync()
    {
        Interlocked.Exchange(ref _saveScheduled, 0);
        StoredActivity snapshot;
        lock (_sync)
        {
            if (_entries is null)
            {
                // The file could not be read yet: saving now would overwrite what it holds.
                return;
            }

            snapshot = new StoredActivity(1, _entries.Values.SelectMany(l => l).OrderByDescending(e => e.Time).ToList());
        }

        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, PluginStorageJsonContext.Default.StoredActivity);
            await AtomicFile.WriteAsync(FilePath, bytes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A background save must never fault unseen: every failure is logged, and the next event saves again.
            LogSaveFailed(_logger, FilePath, ex.Message);
        }
    }

    private Dictionary<Guid, LinkedList<ActivityEntry>> Entries()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        _entries = [];
        var path = FilePath;
        AtomicFile.RemoveLeftovers(path);
        if (!File.Exists(path))
        {
            return _entries;
        }

        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), PluginStorageJsonContext.Default.StoredActivity);
            foreach (var group in (stored?.Entries ?? []).GroupBy(e => e.UserId))
            {
                _entries[group.Key] = new LinkedList<ActivityEntry>(group.OrderByDescending(e => e.Time).Take(Capacity));
            }
        }
        catch (JsonException ex)
        {
            var aside = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, path, aside, ex.GetType().Name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Locked or busy: not corruption. Read again at the next look (the first save would otherwise overwrite it).
            _entries = null;
            LogReadFailed(_logger, path, ex.Message);
            return [];
        }

        return _entries;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl activity file {Path} could not be read and was moved to {MovedTo} ({Error})")]
    private static partial void LogUnreadable(ILogger logger, string path, string movedTo, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl activity file {Path} could not be read just now ({Error}); it is read again later")]
    private static partial void LogReadFailed(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl activity file {Path} could not be saved: {Error}")]
    private static partial void LogSaveFailed(ILogger logger, string path, string error);
}
