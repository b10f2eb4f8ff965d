using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// Durable list of finished watches not yet confirmed by Simkl, in <c>outbox.json</c> in the plugin's data folder.
/// Every change is written atomically before it is acted on, so a crash never loses a completion.
/// </summary>
internal sealed partial class CompletionOutbox : IDisposable
{
    public const string FileName = "outbox.json";

    private readonly IPluginConfigurationStore _configuration;
    private readonly TimeProvider _time;
    private readonly CompletionOutboxOptions _options;
    private readonly ILogger<CompletionOutbox> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, PendingCompletion>? _entries;

    public CompletionOutbox(IPluginConfigurationStore configuration, TimeProvider time, CompletionOutboxOptions options, ILogger<CompletionOutbox> logger)
    {
        _configuration = configuration;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Raised after a completion becomes due, so the replayer wakes up.</summary>
    public event EventHandler? Changed;

    private string FilePath => Path.Combine(_configuration.DataFolderPath, FileName);

    public static string IdentityOf(Guid userId, SimklMedia media, DateTimeOffset watchedAt)
    {
        ArgumentNullException.ThrowIfNull(media);
        var text = FormattableString.Invariant($"{userId:N}|{media.Kind}|{media.Media.Ids}|{media.Season}|{media.Episode}|{media.LastEpisode}|{watchedAt.UtcTicks}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    public async Task<IReadOnlyList<PendingCompletion>> GetAllAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await EntriesAsync(cancellationToken).ConfigureAwait(false)).Values.OrderBy(e => e.CreatedAt).ToList();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Adds a completion (or keeps the one with the same identity) and saves before returning.</summary>
    public Task AddAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return ChangeAsync(entries => entries.TryAdd(completion.Id, completion), completion.NextAttemptAt <= _time.GetUtcNow(), cancellationToken);
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
        => ChangeAsync(entries => entries.Remove(id), false, cancellationToken);

    /// <summary>Replaces an entry (new episodes left, next attempt, error); an entry already removed stays removed.</summary>
    public Task UpdateAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return ChangeAsync(
            entries =>
            {
                if (entries.ContainsKey(completion.Id))
                {
                    entries[completion.Id] = completion;
                }
            },
            completion.NextAttemptAt <= _time.GetUtcNow(),
            cancellationToken);
    }

    public void Dispose() => _lock.Dispose();

    private async Task ChangeAsync(Action<Dictionary<string, PendingCompletion>> change, bool nowDue, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await EntriesAsync(cancellationToken).ConfigureAwait(false);
            change(entries);
            Trim(entries);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new StoredOutbox(1, entries.Values.OrderBy(e => e.CreatedAt).ToList()), PluginStorageJsonContext.Default.StoredOutbox);
            await AtomicFile.WriteAsync(FilePath, bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        if (nowDue)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    private void Trim(Dictionary<string, PendingCompletion> entries)
    {
        var oldest = _time.GetUtcNow() - _options.MaxAge;
        foreach (var expired in entries.Values.Where(e => e.CreatedAt < oldest).ToList())
        {
            entries.Remove(expired.Id);
            LogDropped(_logger, expired.ItemName, expired.UserId, "older than " + _options.MaxAge.TotalDays + " days");
        }

        foreach (var surplus in entries.Values.OrderByDescending(e => e.CreatedAt).Skip(_options.MaxEntries).ToList())
        {
            entries.Remove(surplus.Id);
            LogDropped(_logger, surplus.ItemName, surplus.UserId, "the outbox is full");
        }
    }

    private async Task<Dictionary<string, PendingCompletion>> EntriesAsync(CancellationToken cancellationToken)
    {
        if (_entries is not null)
        {
            return _entries;
        }

        _entries = new Dictionary<string, PendingCompletion>(StringComparer.Ordinal);
        var path = FilePath;
        if (!File.Exists(path))
        {
            return _entries;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var stored = JsonSerializer.Deserialize(bytes, PluginStorageJsonContext.Default.StoredOutbox);
            foreach (var completion in stored?.Completions ?? [])
            {
                _entries[completion.Id] = completion;
            }

            LogLoaded(_logger, _entries.Count);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            var aside = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, path, aside, ex.GetType().Name);
        }

        return _entries;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl outbox loaded with {Count} completions waiting")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl outbox {Path} could not be read; it was kept as {MovedTo} for inspection ({Error})")]
    private static partial void LogUnreadable(ILogger logger, string path, string movedTo, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped the undelivered Simkl completion of {Item} for user {UserId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string item, Guid userId, string reason);
}
