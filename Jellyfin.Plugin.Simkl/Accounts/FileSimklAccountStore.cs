using System;
using System.Collections.Frozen;
using System.Collections.Generic;
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
/// Keeps the links in <c>accounts.json</c> in the plugin's data folder, readable only by the server's user,
/// replaced atomically on every change. Readers see an immutable snapshot, so the playback path never locks.
/// </summary>
public sealed partial class FileSimklAccountStore : ISimklAccountStore, IDisposable
{
    /// <summary>The name of the accounts file in the plugin's data folder.</summary>
    public const string FileName = "accounts.json";

    private const int CurrentVersion = 1;

    private readonly IPluginConfigurationStore _configurationStore;
    private readonly TimeProvider _time;
    private readonly ILogger<FileSimklAccountStore> _logger;
    private readonly Lock _loadLock = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile FrozenDictionary<Guid, SimklAccountLink>? _links;

    /// <summary>Initializes a new instance of the <see cref="FileSimklAccountStore"/> class.</summary>
    /// <param name="configurationStore">Where the plugin's data folder is.</param>
    /// <param name="time">The clock, for link times.</param>
    /// <param name="logger">The logger.</param>
    public FileSimklAccountStore(IPluginConfigurationStore configurationStore, TimeProvider time, ILogger<FileSimklAccountStore> logger)
    {
        _configurationStore = configurationStore;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public event EventHandler<SimklAccountChangedEventArgs>? AccountChanged;

    private string FilePath => Path.Combine(_configurationStore.DataFolderPath, FileName);

    private FrozenDictionary<Guid, SimklAccountLink> Links => _links ?? Load();

    /// <inheritdoc />
    public bool IsTracking(Guid userId) => Links.TryGetValue(userId, out var link) && !link.IsBroken;

    /// <inheritdoc />
    public SimklAccountLink? Find(Guid userId) => Links.GetValueOrDefault(userId);

    /// <inheritdoc />
    public IReadOnlyList<SimklAccountLink> GetAll() => Links.Values;

    /// <inheritdoc />
    public async Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var link = new SimklAccountLink(userId, token, simklUserName, _time.GetUtcNow());
        await ChangeAsync(links => links[userId] = link, cancellationToken).ConfigureAwait(false);
        LogLinked(_logger, userId, token.Fingerprint);
        AccountChanged?.Invoke(this, new SimklAccountChangedEventArgs(userId, isTracking: true));
    }

    /// <inheritdoc />
    public async Task UnlinkAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!Links.ContainsKey(userId))
        {
            return;
        }

        await ChangeAsync(links => links.Remove(userId), cancellationToken).ConfigureAwait(false);
        LogUnlinked(_logger, userId);
        AccountChanged?.Invoke(this, new SimklAccountChangedEventArgs(userId, isTracking: false));
    }

    /// <inheritdoc />
    public async Task MarkBrokenAsync(Guid userId, CancellationToken cancellationToken)
    {
        var changed = false;
        await ChangeAsync(
            links =>
            {
                if (links.TryGetValue(userId, out var link) && !link.IsBroken)
                {
                    links[userId] = link with { IsBroken = true };
                    changed = true;
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            LogBroken(_logger, userId);
            AccountChanged?.Invoke(this, new SimklAccountChangedEventArgs(userId, isTracking: false));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    private async Task ChangeAsync(Action<Dictionary<Guid, SimklAccountLink>> change, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var links = new Dictionary<Guid, SimklAccountLink>(Links);
            change(links);
            var file = new StoredAccounts(
                CurrentVersion,
                links.Values.OrderBy(l => l.LinkedAt).Select(ToStored).ToList());
            var bytes = JsonSerializer.SerializeToUtf8Bytes(file, PluginStorageJsonContext.Default.StoredAccounts);

            // The snapshot changes only once the file has: a failed write loses nothing and changes nothing.
            await AtomicFile.WriteAsync(FilePath, bytes, cancellationToken).ConfigureAwait(false);
            _links = links.ToFrozenDictionary();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private FrozenDictionary<Guid, SimklAccountLink> Load()
    {
        lock (_loadLock)
        {
            if (_links is { } loaded)
            {
                return loaded;
            }

            var links = Read().ToFrozenDictionary(l => l.UserId);
            _links = links;
            return links;
        }
    }

    private List<SimklAccountLink> Read()
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(path), PluginStorageJsonContext.Default.StoredAccounts);
            if (file is null || file.Version != CurrentVersion)
            {
                throw new JsonException("The accounts file has an unknown format version.");
            }

            return file.Accounts.Where(a => a.UserId != Guid.Empty && !string.IsNullOrWhiteSpace(a.AccessToken)).Select(ToLink).ToList();
        }
        catch (JsonException exception)
        {
            // Keep the file for the administrator instead of overwriting it at the next link; users must relink.
            var kept = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, kept, exception.Message);
            return [];
        }
    }

    private static StoredAccount ToStored(SimklAccountLink link) => new(
        link.UserId,
        link.Token.Value,
        link.SimklUserName,
        link.LinkedAt,
        link.IsBroken,
        link.RefreshToken?.Value,
        link.ExpiresAt);

    private static SimklAccountLink ToLink(StoredAccount stored) => new(
        stored.UserId,
        new SimklToken(stored.AccessToken),
        stored.SimklUserName,
        stored.LinkedAt,
        stored.IsBroken,
        string.IsNullOrWhiteSpace(stored.RefreshToken) ? null : new SimklToken(stored.RefreshToken),
        stored.ExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jellyfin user {UserId} is now linked to Simkl (token {Fingerprint})")]
    private static partial void LogLinked(ILogger logger, Guid userId, string fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jellyfin user {UserId} was unlinked from Simkl")]
    private static partial void LogUnlinked(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl refused the token of Jellyfin user {UserId}: nothing is sent for them until they link again")]
    private static partial void LogBroken(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl accounts file could not be read and was kept as {KeptPath}; users must link again. {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string keptPath, string problem);
}
