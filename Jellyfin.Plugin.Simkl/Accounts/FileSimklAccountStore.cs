using System;
using System.Collections.Concurrent;
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
    private readonly object _loadLock = new();
    private ConcurrentDictionary<Guid, SimklAccountLink>? _links;

    public FileSimklAccountStore(IPluginConfigurationStore configuration, TimeProvider time, ILogger<FileSimklAccountStore> logger)
    {
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    public event EventHandler<SimklAccountChangedEventArgs>? AccountChanged;

    private string FilePath => Path.Combine(_configuration.DataFolderPath, FileName);

    private ConcurrentDictionary<Guid, SimklAccountLink> Links
    {
        get
        {
            if (_links is { } loaded)
            {
                return loaded;
            }

            lock (_loadLock)
            {
                return _links ??= Load();
            }
        }
    }

    public bool IsTracking(Guid userId) => Links.TryGetValue(userId, out var link) && !link.IsBroken;

    public SimklAccountLink? Find(Guid userId) => Links.TryGetValue(userId, out var link) ? link : null;

    public IReadOnlyList<SimklAccountLink> GetAll() => Links.Values.OrderBy(l => l.LinkedAt).ToList();

    public Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var link = new SimklAccountLink(userId, token, simklUserName, _time.GetUtcNow());
        return ChangeAsync(userId, links => links[userId] = link, true, cancellationToken);
    }

    public Task UnlinkAsync(Guid userId, CancellationToken cancellationToken)
        => ChangeAsync(userId, links => links.TryRemove(userId, out _), false, cancellationToken);

    public Task MarkBrokenAsync(Guid userId, CancellationToken cancellationToken)
        => ChangeAsync(
            userId,
            links =>
            {
                if (links.TryGetValue(userId, out var link) && !link.IsBroken)
                {
                    links[userId] = link with { IsBroken = true };
                    LogLinkBroken(_logger, userId);
                }
            },
            false,
            cancellationToken);

    public void Dispose() => _writeLock.Dispose();

    private async Task ChangeAsync(Guid userId, Action<ConcurrentDictionary<Guid, SimklAccountLink>> change, bool isTracking, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var links = Links;
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
            links.Values.OrderBy(l => l.UserId).Select(l => new StoredAccount(l.UserId, l.Token.Value, l.SimklUserName, l.LinkedAt, l.IsBroken, l.RefreshToken?.Value, l.ExpiresAt)).ToList());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stored, PluginStorageJsonContext.Default.StoredAccounts);
        await AtomicFile.WriteAsync(FilePath, bytes, cancellationToken).ConfigureAwait(false);
    }

    private ConcurrentDictionary<Guid, SimklAccountLink> Load()
    {
        var links = new ConcurrentDictionary<Guid, SimklAccountLink>();
        var path = FilePath;
        if (!File.Exists(path))
        {
            return links;
        }

        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), PluginStorageJsonContext.Default.StoredAccounts)
                ?? throw new JsonException("The file holds no accounts object.");
            foreach (var account in stored.Accounts.Where(a => !string.IsNullOrWhiteSpace(a.AccessToken)))
            {
                links[account.UserId] = new SimklAccountLink(
                    account.UserId,
                    new SimklToken(account.AccessToken),
                    account.SimklUserName,
                    account.LinkedAt,
                    account.IsBroken,
                    string.IsNullOrWhiteSpace(account.RefreshToken) ? null : new SimklToken(account.RefreshToken),
                    account.ExpiresAt);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            var aside = AtomicFile.Quarantine(path, _time.GetUtcNow());
            LogUnreadable(_logger, path, aside, ex.GetType().Name);
        }

        return links;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl accounts file {Path} could not be read and was moved to {MovedTo} ({Error}); users must be linked again")]
    private static partial void LogUnreadable(ILogger logger, string path, string movedTo, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl rejected the token of user {UserId}: tracking stops for them until an administrator links them again")]
    private static partial void LogLinkBroken(ILogger logger, Guid userId);
}
