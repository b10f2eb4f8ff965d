using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Storage;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Keeps each Jellyfin user's Simkl token in <c>accounts.json</c> in the plugin's data folder, written atomically and
/// readable by the server's user only. Tokens never go into the plugin configuration.
/// </summary>
internal sealed partial class FileSimklAccountStore : ISimklAccountStore, IDisposable
{
    public const string FileName = "accounts.json";
    private const int CurrentVersion = 1;

    private readonly IPluginConfigurationStore _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<FileSimklAccountStore> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private static readonly ConcurrentDictionary<Guid, SimklAccountLink> NotLoaded = new();
    private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromSeconds(30);
    private readonly object _loadLock = new();
    private ConcurrentDictionary<Guid, SimklAccountLink>? _links;
    private long _nextLoadAttemptTicks;
    private ITimer? _readAgain;
    private bool _disposed;

    public FileSimklAccountStore(IPluginConfigurationStore configuration, TimeProvider time, ILogger<FileSimklAccountStore> logger)
    {
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public event EventHandler<SimklAccountChangedEventArgs>? AccountChanged;

    private string FilePath => Path.Combine(_configuration.DataFolderPath, FileName);

    /// <summary>Gets the links; empty (not tracking anyone) while the file cannot be read, which is retried.</summary>
    private ConcurrentDictionary<Guid, SimklAccountLink> Links => _links ?? TryLoad() ?? NotLoaded;

    public bool IsTracking(Guid userId) => Links.TryGetValue(userId, out var link) && !link.IsBroken;

    public SimklAccountLink? Find(Guid userId) => Links.TryGetValue(userId, out var link) ? link : null;

    public IReadOnlyList<SimklAccountLink> GetAll() => Links.Values.OrderBy(l => l.LinkedAt).ToList();

    public Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, CancellationToken cancellationToken)
        => LinkAsync(userId, token, simklUserName, null, cancellationToken);

    public Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, long? simklAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var link = new SimklAccountLink(userId, WithAccount(token, simklAccountId), simklUserName, _time.GetUtcNow(), SimklAccountId: simklAccountId);
        return ChangeAsync(userId, links => links[userId] = link, true, cancellationToken);
    }

    public Task UnlinkAsync(Guid userId, CancellationToken cancellationToken)
        => ChangeAsync(userId, links => links.TryRemove(userId, out _), false, cancellationToken);

    public Task RememberAccountIdAsync(Guid userId, SimklToken token, long simklAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ChangeAsync(
            userId,
            links =>
            {
                if (links.TryGetValue(userId, out var link) && link.SimklAccountId is null && string.Equals(link.Token.Value, token.Value, StringComparison.Ordinal))
                {
                    links[userId] = link with { SimklAccountId = simklAccountId, Token = WithAccount(link.Token, simklAccountId) };
                }
            },
            true,
            cancellationToken);
    }

    public Task MarkBrokenAsync(Guid userId, SimklToken rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return ChangeAsync(
            userId,
            links =>
            {
                if (links.TryGetValue(userId, out var link) && !link.IsBroken)
                {
                    if (!string.Equals(link.Token.Value, rejected.Value, StringComparison.Ordinal))
                    {
                        // The user linked again since that call was made: the new token is not the one Simkl refused.
                        LogStaleRejection(_logger, userId);
                        return;
                    }

                    links[userId] = link with { IsBroken = true };
                    LogLinkBroken(_logger, userId);
                }
            },
            false,
            cancellationToken);
    }

    public void Dispose()
    {
        lock (_loadLock)
        {
            _disposed = true;
            _readAgain?.Dispose();
        }

        _writeLock.Dispose();
    }

    private async Task ChangeAsync(Guid userId, Action<ConcurrentDictionary<Guid, SimklAccountLink>> change, bool isTracking, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Never write what was not read: a file that cannot be read now would lose every other user's link.
            var links = _links ?? TryLoad() ?? throw new IOException("The Simkl accounts file cannot be read right now; try again in a moment.");
            var before = links.TryGetValue(userId, out var existing) ? existing : null;
            change(links);
            try
            {
                await SaveAsync(links, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Keep memory and disk in agreement: a change that could not be saved did not happen.
                if (before is null)
                {
                    links.TryRemove(userId, out _);
                }
                else
                {
                    links[userId] = before;
                }

                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }

        AccountChanged?.Invoke(this, new SimklAccountChangedEventArgs(userId, isTracking && IsTracking(userId)));
    }

    private async Task SaveAsync(ConcurrentDictionary<Guid, SimklAccountLink> links, CancellationToken cancellationToken)
    {
        var stored = new StoredAccounts(
            CurrentVersion,
            links.Values.OrderBy(l => l.UserId).Select(l => new StoredAccount(l.UserId, l.Token.Value, l.SimklUserName, l.LinkedAt, l.IsBroken, l.RefreshToken?.Value, l.ExpiresAt, l.SimklAccountId)).ToList());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stored, PluginStorageJsonContext.Default.StoredAccounts);
        await AtomicFile.WriteAsync(FilePath, bytes, cancellationToken).ConfigureAwait(false);
    }

    private static SimklToken WithAccount(SimklToken token, long? accountId)
        => token with { AccountKey = accountId?.ToString(CultureInfo.InvariantCulture) ?? token.AccountKey };

    private ConcurrentDictionary<Guid, SimklAccountLink>? TryLoad()
    {
        if (_time.GetUtcNow().UtcTicks < Interlocked.Read(ref _nextLoadAttemptTicks))
        {
            return null;
        }

        ConcurrentDictionary<Guid, SimklAccountLink> links;
        bool failedBefore;
        lock (_loadLock)
        {
            if (_links is not null)
            {
                return _links;
            }

            failedBefore = _readAgain is not null;
            try
            {
                links = _links = Load();
                _readAgain?.Dispose();
                _readAgain = null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Locked or busy: never mistaken for corruption (that would unlink everyone). Read again shortly, even
                // if nothing asks: watches waiting in the outbox for these users are sent once they are known again.
                Interlocked.Exchange(ref _nextLoadAttemptTicks, (_time.GetUtcNow() + ReadRetryDelay).UtcTicks);
                if (!_disposed)
                {
                    _readAgain ??= _time.CreateTimer(_ => TryLoad(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _readAgain.Change(ReadRetryDelay, Timeout.InfiniteTimeSpan);
                }

                LogReadFailed(_logger, FilePath, ex.Message);
                return null;
            }
        }

        if (failedBefore)
        {
            // While the file could not be read, nobody was tracked: say who is again.
            foreach (var link in links.Values.Where(l => !l.IsBroken))
            {
                AccountChanged?.Invoke(this, new SimklAccountChangedEventArgs(link.UserId, true));
            }
        }

        return links;
    }

    private ConcurrentDictionary<Guid, SimklAccountLink> Load()
    {
        var links = new ConcurrentDictionary<Guid, SimklAccountLink>();
        var path = FilePath;
        AtomicFile.RemoveLeftovers(path);
        var bytes = AtomicFile.Read(path);
        if (bytes is null)
        {
            return links;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            var aside = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, path, aside, ex.GetType().Name);
            return links;
        }

        using (document)
        {
            var root = document.RootElement;
            var accounts = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("accounts", out var found) && found.ValueKind == JsonValueKind.Array
                ? found.EnumerateArray().ToList()
                : [];
            var rejected = new List<JsonElement>();
            foreach (var element in accounts)
            {
                var account = ReadAccount(element);
                if (account is null || !links.TryAdd(account.UserId, ToLink(account)))
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

        return links;
    }

    private static StoredAccount? ReadAccount(JsonElement element)
    {
        try
        {
            var account = element.Deserialize(PluginStorageJsonContext.Default.StoredAccount);
            return account is not null && account.UserId != Guid.Empty && !string.IsNullOrWhiteSpace(account.AccessToken) ? account : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static SimklAccountLink ToLink(StoredAccount account)
        => new(
            account.UserId,
            WithAccount(new SimklToken(account.AccessToken), account.SimklAccountId),
            account.SimklUserName,
            account.LinkedAt,
            account.IsBroken,
            string.IsNullOrWhiteSpace(account.RefreshToken) ? null : new SimklToken(account.RefreshToken),
            account.ExpiresAt,
            account.SimklAccountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} unreadable entries of the Simkl accounts file {Path} were set aside in {MovedTo}; those users must be linked again, the others stay linked")]
    private static partial void LogSetAside(ILogger logger, int count, string path, string movedTo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Simkl accounts file {Path} could not be read just now ({Error}); it is read again shortly")]
    private static partial void LogReadFailed(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl refused an older token of user {UserId}, who has linked again since; the new link stays")]
    private static partial void LogStaleRejection(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl accounts file {Path} could not be read and was moved to {MovedTo} ({Error}); users must be linked again")]
    private static partial void LogUnreadable(ILogger logger, string path, string movedTo, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl rejected the token of user {UserId}: tracking stops for them until an administrator links them again")]
    private static partial void LogLinkBroken(ILogger logger, Guid userId);
}
