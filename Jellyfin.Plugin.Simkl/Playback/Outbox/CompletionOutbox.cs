using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// Durable list of finished watches not yet confirmed by Simkl, in <c>outbox.json</c> in the plugin's data folder.
/// </summary>
/// <remarks>
/// The on-disk protocol, safe against a crash (SIGKILL, power cut) at any instruction:
/// <list type="number">
/// <item>Every change rewrites the whole file: a temporary file beside it is written and flushed to disk, then renamed
/// over <c>outbox.json</c>. A crash leaves the old file or the new one, never half of one; temporaries left by a crash
/// are deleted at the next start.</item>
/// <item>The live stop adds its completion already marked "may have reached Simkl" and written before the stop is sent.
/// If the disk refuses the write, the stop is sent anyway and the write is retried until it lands: nothing on disk
/// means nothing to send twice, and memory keeps the watch meanwhile.</item>
/// <item>Before any other send (a replay, the history write after a stop) the mark is written, and the send starts
/// only once that write has landed.</item>
/// <item>A marked completion is never sent blindly: Simkl is asked first (<c>POST /sync/watched</c>) whether it
/// already has the watch, and then it is removed instead.</item>
/// <item>A completion leaves the file only when Simkl confirmed it, or with a reason logged at Warning or Error and
/// shown in the user's activity. One Simkl refused stays as a dead letter until it expires.</item>
/// <item>Ownership is decided in memory, never by a clock: whoever sends a completion holds its lease (the live stop
/// from <see cref="AddAsync"/> until its send is over, the replayer for one delivery), and the replayer skips leased
/// completions. Leases die with the process, so after a restart the replayer owns every completion.</item>
/// </list>
/// </remarks>
internal sealed partial class CompletionOutbox : IDisposable
{
    public const string FileName = "outbox.json";

    private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromSeconds(30);

    private readonly IPluginConfigurationStore _configuration;
    private readonly ISimklAccountStore _accounts;
    private readonly IActivityLog _activity;
    private readonly TimeProvider _time;
    private readonly CompletionOutboxOptions _options;
    private readonly ILogger<CompletionOutbox> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _leases = new(StringComparer.Ordinal);
    private readonly List<PendingCompletion> _addedBeforeLoad = [];
    private Dictionary<string, PendingCompletion>? _entries;
    private DateTimeOffset _nextLoadAttempt = DateTimeOffset.MinValue;
    private volatile bool _unsaved;

    public CompletionOutbox(IPluginConfigurationStore configuration, ISimklAccountStore accounts, IActivityLog activity, TimeProvider time, CompletionOutboxOptions options, ILogger<CompletionOutbox> logger)
    {
        _configuration = configuration;
        _accounts = accounts;
        _activity = activity;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Raised after a completion becomes due or is released, so the replayer wakes up.</summary>
    public event EventHandler? Changed;

    /// <summary>Gets a value indicating whether memory holds changes the disk refused; they are retried.</summary>
    public bool HasUnsavedChanges => _unsaved;

    private string FilePath => Path.Combine(_configuration.DataFolderPath, FileName);

    public static string IdentityOf(Guid userId, SimklMedia media, DateTimeOffset watchedAt)
    {
        ArgumentNullException.ThrowIfNull(media);
        var text = FormattableString.Invariant($"{userId:N}|{media.Kind}|{media.Media.Ids}|{media.Season}|{media.Episode}|{media.LastEpisode}|{watchedAt.UtcTicks}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }

    /// <summary>Gets every completion, dead letters included, oldest first.</summary>
    /// <exception cref="IOException">The file could not be read just now (locked, busy); it is read again later.</exception>
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

    /// <summary>Gets one completion as it is now, or null once it has left the outbox.</summary>
    public async Task<PendingCompletion?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await EntriesAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(id);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Adds the completion of a stop about to be sent: leased to the caller until <see cref="Release"/>, bound to the
    /// account the user is linked to, marked as possibly reaching Simkl, and written before returning. Never throws for
    /// the disk: when the write fails the completion is kept in memory, the write is retried, and the caller sends anyway.
    /// </summary>
    /// <returns>True when the completion is on disk.</returns>
    public async Task<bool> AddAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var link = _accounts.Find(completion.UserId);
        var entry = completion with
        {
            MayHaveReachedSimkl = true,
            SimklAccountId = completion.SimklAccountId ?? link?.SimklAccountId,
            TokenFingerprint = completion.TokenFingerprint ?? link?.Token.Fingerprint,
        };
        _leases[entry.Id] = 0;
        try
        {
            return await ChangeAsync(entries => entries.TryAdd(entry.Id, entry), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // The file cannot even be read right now: keep the watch in memory and merge it once the file is read.
            lock (_addedBeforeLoad)
            {
                _addedBeforeLoad.Add(entry);
            }

            LogWriteFailed(_logger, FilePath, ex.Message);
            return false;
        }
    }

    /// <summary>Takes ownership of a completion for one delivery; false when someone else is sending it.</summary>
    public bool TryLease(string id) => _leases.TryAdd(id, 0);

    /// <summary>Gives up ownership; the replayer wakes up if the completion is due.</summary>
    public void Release(string id)
    {
        if (_leases.TryRemove(id, out _))
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    public bool IsLeased(string id) => _leases.ContainsKey(id);

    /// <summary>Removes a completion (Simkl has it, or a reason was logged and shown).</summary>
    /// <returns>True when the change is on disk (otherwise it is retried).</returns>
    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
        => ChangeAsync(entries => entries.Remove(id), cancellationToken);

    /// <summary>Replaces an entry (episodes left, next attempt, error); an entry already removed stays removed.</summary>
    /// <returns>True when the change is on disk (otherwise it is retried).</returns>
    public async Task<bool> UpdateAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var saved = await ChangeAsync(
            entries =>
            {
                if (entries.ContainsKey(completion.Id))
                {
                    entries[completion.Id] = completion;
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (completion.NextAttemptAt <= _time.GetUtcNow() && !IsLeased(completion.Id))
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return saved;
    }

    /// <summary>
    /// Writes that a send of the completion may reach Simkl. The caller sends only when this returns true: then a
    /// crash at any later point leaves the mark on disk, and the next start asks Simkl before sending again.
    /// </summary>
    public async Task<bool> MarkSendingAsync(PendingCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.MayHaveReachedSimkl && !_unsaved)
        {
            return true;
        }

        return await UpdateAsync(completion with { MayHaveReachedSimkl = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what the disk refused earlier.</summary>
    /// <returns>True when memory and disk agree again.</returns>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (!_unsaved && _addedBeforeLoad.Count == 0)
        {
            return true;
        }

        return await ChangeAsync(_ => { }, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _lock.Dispose();

    private async Task<bool> ChangeAsync(Action<Dictionary<string, PendingCompletion>> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await EntriesAsync(cancellationToken).ConfigureAwait(false);
            change(entries);
            Trim(entries);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new StoredOutbox(1, entries.Values.OrderBy(e => e.CreatedAt).ToList()), PluginStorageJsonContext.Default.StoredOutbox);
            try
            {
                await AtomicFile.WriteAsync(FilePath, bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Full disk, locked file: memory keeps the change and the replayer writes it again soon.
                if (!_unsaved)
                {
                    LogWriteFailed(_logger, FilePath, ex.Message);
                }

                _unsaved = true;
                return false;
            }

            if (_unsaved)
            {
                LogWriteRecovered(_logger, FilePath);
            }

            _unsaved = false;
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    private void Trim(Dictionary<string, PendingCompletion> entries)
    {
        var oldest = _time.GetUtcNow() - _options.MaxAge;
        foreach (var expired in entries.Values.Where(e => e.CreatedAt < oldest && !IsLeased(e.Id)).ToList())
        {
            entries.Remove(expired.Id);
            Dropped(expired, FormattableString.Invariant($"it waited more than {_options.MaxAge.TotalDays:0} days") + (expired.DeadLetter is null ? string.Empty : " (" + expired.DeadLetter + ")"));
        }

        foreach (var surplus in entries.Values.Where(e => !IsLeased(e.Id)).OrderByDescending(e => e.CreatedAt).Skip(_options.MaxEntries).ToList())
        {
            entries.Remove(surplus.Id);
            Dropped(surplus, "the outbox is full");
        }
    }

    private void Dropped(PendingCompletion completion, string reason)
    {
        LogDropped(_logger, completion.ItemName, completion.UserId, reason);
        _activity.Record(new ActivityEntry(completion.UserId, _time.GetUtcNow(), completion.ItemName, ActivityAction.MarkWatched, ActivityOutcome.Failed, "Given up: " + reason + "."));
    }

    private async Task<Dictionary<string, PendingCompletion>> EntriesAsync(CancellationToken cancellationToken)
    {
        if (_entries is null)
        {
            if (_time.GetUtcNow() < _nextLoadAttempt)
            {
                throw new IOException("The Simkl outbox could not be read a moment ago; it is read again shortly.");
            }

            try
            {
                _entries = await LoadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // Locked or busy: never mistaken for corruption. Whoever asks next reads it again.
                _nextLoadAttempt = _time.GetUtcNow() + ReadRetryDelay;
                LogReadFailed(_logger, FilePath, ex.Message);
                throw;
            }
        }

        lock (_addedBeforeLoad)
        {
            foreach (var added in _addedBeforeLoad)
            {
                _entries.TryAdd(added.Id, added);
                _unsaved = true;
            }

            _addedBeforeLoad.Clear();
        }

        return _entries;
    }

    private async Task<Dictionary<string, PendingCompletion>> LoadAsync(CancellationToken cancellationToken)
    {
        var path = FilePath;
        var entries = new Dictionary<string, PendingCompletion>(StringComparer.Ordinal);
        var leftovers = AtomicFile.RemoveLeftovers(path);
        if (leftovers > 0)
        {
            LogLeftovers(_logger, leftovers);
        }

        var bytes = await AtomicFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return entries;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // Not JSON at all (an atomic write never leaves that; a hand edit can): keep it aside, start empty.
            var aside = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, path, aside, ex.Message);
            return entries;
        }

        using (document)
        {
            var rejected = new List<JsonElement>();
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("completions", out var found) && found.ValueKind == JsonValueKind.Array
                ? found.EnumerateArray().ToList()
                : [];
            foreach (var element in list)
            {
                var completion = ReadEntry(element);
                if (completion is null || !entries.TryAdd(completion.Id, completion))
                {
                    rejected.Add(element);
                }
            }

            if (rejected.Count > 0)
            {
                var aside = AtomicFile.SetAside(path, JsonSerializer.SerializeToUtf8Bytes(rejected, PluginStorageJsonContext.Default.ListJsonElement), _time.GetUtcNow());
                LogSetAside(_logger, rejected.Count, path, aside);
            }
        }

        LogLoaded(_logger, entries.Count);
        return entries;
    }

    private static PendingCompletion? ReadEntry(JsonElement element)
    {
        try
        {
            var completion = element.Deserialize(PluginStorageJsonContext.Default.PendingCompletion);

            // The file's types allow nulls the code does not: an entry missing any of these cannot be sent.
            return completion is { Id.Length: > 0, ItemName: not null, Media.Media.Ids: not null, Episodes: not null } && completion.UserId != Guid.Empty
                ? completion
                : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl outbox loaded with {Count} completions waiting")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} temporary files left by an interrupted write of the Simkl outbox")]
    private static partial void LogLeftovers(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl outbox {Path} is not JSON; it was kept as {MovedTo} for inspection ({Error})")]
    private static partial void LogUnreadable(ILogger logger, string path, string movedTo, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} unreadable entries of the Simkl outbox {Path} were set aside in {MovedTo}; the others are kept")]
    private static partial void LogSetAside(ILogger logger, int count, string path, string movedTo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl outbox {Path} could not be read just now ({Error}); it is read again shortly")]
    private static partial void LogReadFailed(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl outbox {Path} could not be written ({Error}); watches are kept in memory, calls to Simkl go on, and the write is retried")]
    private static partial void LogWriteFailed(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Simkl outbox {Path} is written again")]
    private static partial void LogWriteRecovered(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped the undelivered Simkl completion of {Item} for user {UserId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string item, Guid userId, string reason);
}
