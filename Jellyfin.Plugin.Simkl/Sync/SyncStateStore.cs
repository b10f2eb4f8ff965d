using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Reads and writes each user's sync state (<c>sync/{user}.json</c>) and settled history (<c>sync/{user}.settled</c>)
/// atomically. Nothing is cached: a run loads what it needs and lets it go, so memory stays flat between runs.
/// An unreadable file is moved aside (never deleted) and the user starts over, which costs one full read of Simkl's
/// history and sends nothing Simkl already has.
/// </summary>
internal sealed partial class SyncStateStore
{
    public const string FolderName = "sync";

    private readonly IPluginConfigurationStore _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncStateStore> _logger;

    public SyncStateStore(IPluginConfigurationStore configuration, TimeProvider time, ILogger<SyncStateStore> logger)
    {
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public async Task<UserSyncState> LoadStateAsync(Guid userId, CancellationToken cancellationToken)
    {
        var path = PathOf(userId, ".json");
        if (!File.Exists(path))
        {
            return UserSyncState.New();
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var state = JsonSerializer.Deserialize(bytes, SyncStorageJsonContext.Default.UserSyncState);
            return state is { ReadThrough: not null, LastRuns: not null } ? state : UserSyncState.New();
        }
        catch (JsonException)
        {
            LogQuarantined(_logger, AtomicFile.Quarantine(path, _time.GetUtcNow()));
            return UserSyncState.New();
        }
    }

    public Task SaveStateAsync(Guid userId, UserSyncState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, SyncStorageJsonContext.Default.UserSyncState);
        return AtomicFile.WriteAsync(PathOf(userId, ".json"), bytes, cancellationToken);
    }

    public async Task<SettledHistory> LoadSettledAsync(Guid userId, CancellationToken cancellationToken)
    {
        var path = PathOf(userId, ".settled");
        return File.Exists(path)
            ? SettledHistory.FromBytes(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))
            : SettledHistory.Empty();
    }

    public Task SaveSettledAsync(Guid userId, SettledHistory settled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settled);
        return AtomicFile.WriteAsync(PathOf(userId, ".settled"), settled.ToBytes(), cancellationToken);
    }

    /// <summary>Keeps watches read while import was off, one JSON line each, for when the user turns import on.</summary>
    public async Task AppendPendingImportAsync(Guid userId, IReadOnlyList<SimklWatchedItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var path = PathOf(userId, ".pending");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            foreach (var item in items)
            {
                await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(item, SyncStorageJsonContext.Default.SimklWatchedItem), cancellationToken).ConfigureAwait(false);
                stream.WriteByte((byte)'\n');
            }

            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Reads the watches kept for a later import; a line cut off by a crash is skipped.</summary>
    public async IAsyncEnumerable<SimklWatchedItem> ReadPendingImportAsync(Guid userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = PathOf(userId, ".pending");
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            SimklWatchedItem? item;
            try
            {
                item = JsonSerializer.Deserialize(line, SyncStorageJsonContext.Default.SimklWatchedItem);
            }
            catch (JsonException)
            {
                continue;
            }

            if (item?.Ids is not null)
            {
                yield return item;
            }
        }
    }

    public void DeletePendingImport(Guid userId) => DeleteIfThere(PathOf(userId, ".pending"));

    /// <summary>Forgets a user's sync state (after unlinking: another Simkl account has another history).</summary>
    public void Forget(Guid userId)
    {
        DeleteIfThere(PathOf(userId, ".json"));
        DeleteIfThere(PathOf(userId, ".settled"));
        DeletePendingImport(userId);
    }

    private static void DeleteIfThere(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathOf(Guid userId, string extension)
        => Path.Combine(_configuration.DataFolderPath, FolderName, userId.ToString("N") + extension);

    [LoggerMessage(Level = LogLevel.Error, Message = "A history-sync state file could not be read; it was moved to {Path} and the user's sync starts over")]
    private static partial void LogQuarantined(ILogger logger, string path);
}
