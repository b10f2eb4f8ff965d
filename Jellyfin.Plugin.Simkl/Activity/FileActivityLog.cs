using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// Keeps each user's last <see cref="DefaultCapacity"/> events in memory and in one file per user under
/// <c>simkl-activity/</c> in the plugin's data folder. Recording never touches the disk: a background write
/// follows each change.
/// </summary>
public sealed partial class FileActivityLog : IActivityLog, IDisposable, IAsyncDisposable
{
    /// <summary>How many events are kept per user.</summary>
    public const int DefaultCapacity = 50;

    /// <summary>The folder, in the plugin's data folder, that holds the activity files.</summary>
    public const string FolderName = "simkl-activity";

    private readonly IPluginConfigurationStore _configurationStore;
    private readonly TimeProvider _time;
    private readonly ILogger<FileActivityLog> _logger;
    private readonly ConcurrentDictionary<Guid, UserActivity> _users = new();
    private readonly ConcurrentDictionary<Guid, byte> _dirty = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Task _background = Task.CompletedTask;
    private int _backgroundRunning;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="FileActivityLog"/> class.</summary>
    /// <param name="configurationStore">Where the plugin's data folder is.</param>
    /// <param name="time">The clock, to name an unreadable file that is set aside.</param>
    /// <param name="logger">The logger.</param>
    public FileActivityLog(IPluginConfigurationStore configurationStore, TimeProvider time, ILogger<FileActivityLog> logger)
    {
        _configurationStore = configurationStore;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public int Capacity => DefaultCapacity;

    private string FolderPath => Path.Combine(_configurationStore.DataFolderPath, FolderName);

    /// <inheritdoc />
    public void Record(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _users.GetOrAdd(entry.UserId, _ => new UserActivity(Capacity)).Add(entry);
        _dirty[entry.UserId] = 0;
        if (Interlocked.CompareExchange(ref _backgroundRunning, 1, 0) == 0)
        {
            _background = Task.Run(WriteInBackgroundAsync);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ActivityEntry> GetRecent(Guid userId) => Loaded(userId).Snapshot();

    /// <summary>Writes every change recorded so far to disk.</summary>
    /// <returns>A task that completes once the files are written.</returns>
    public async Task FlushAsync()
    {
        await _background.ConfigureAwait(false);
        await WriteDirtyAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await FlushAsync().ConfigureAwait(false);
            _writeLock.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The container of a stopping server disposes synchronously; the last events are still worth keeping.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            FlushAsync().GetAwaiter().GetResult();
            _writeLock.Dispose();
        }
    }

    private async Task WriteInBackgroundAsync()
    {
        do
        {
            await WriteDirtyAsync().ConfigureAwait(false);
            Volatile.Write(ref _backgroundRunning, 0);
        }
        while (!_dirty.IsEmpty && Interlocked.CompareExchange(ref _backgroundRunning, 1, 0) == 0);
    }

    private async Task WriteDirtyAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var userId in _dirty.Keys)
            {
                _dirty.TryRemove(userId, out _);
                var entries = Loaded(userId).Snapshot();
                var bytes = JsonSerializer.SerializeToUtf8Bytes(entries, ActivityJsonContext.Default.ListActivityEntry);
                try
                {
                    await AtomicFile.WriteAsync(PathOf(userId), bytes, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The events stay in memory and the next event tries again.
                    LogWriteFailed(_logger, exception, userId);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private UserActivity Loaded(Guid userId)
    {
        var activity = _users.GetOrAdd(userId, _ => new UserActivity(Capacity));
        if (!activity.IsLoaded)
        {
            activity.MergeStored(ReadStored(userId));
        }

        return activity;
    }

    private List<ActivityEntry> ReadStored(Guid userId)
    {
        var path = PathOf(userId);
        try
        {
            if (!File.Exists(path))
            {
                return [];
            }

            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), ActivityJsonContext.Default.ListActivityEntry) ?? [];
            return stored.Where(e => e.UserId == userId).ToList();
        }
        catch (JsonException exception)
        {
            var kept = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, kept, exception.Message);
            return [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogReadFailed(_logger, exception, userId);
            return [];
        }
    }

    private string PathOf(Guid userId) => Path.Combine(FolderPath, userId.ToString("N") + ".json");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl activity of user {UserId} could not be saved")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl activity of user {UserId} could not be read")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Simkl activity file could not be read and was kept as {KeptPath}. {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string keptPath, string problem);
}
