using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Runs export and import for all users (the scheduled tasks) or one (the page), over the engine.</summary>
internal sealed partial class HistorySyncRunner : IHistoryExportRunner, IHistoryImportRunner, IUserHistorySync
{
    private readonly HistorySyncEngine _engine;
    private readonly ISimklAccountStore _accounts;
    private readonly IUserSyncOptionsSource _options;
    private readonly ILogger<HistorySyncRunner> _logger;

    public HistorySyncRunner(HistorySyncEngine engine, ISimklAccountStore accounts, IUserSyncOptionsSource options, ILogger<HistorySyncRunner> logger)
    {
        _engine = engine;
        _accounts = accounts;
        _options = options;
        _logger = logger;
    }

    Task IHistoryExportRunner.RunAsync(IProgress<double> progress, CancellationToken ct)
        => RunAllAsync(progress, o => o.ExportEnabled, (userId, part, token) => _engine.ExportAsync(userId, false, part, token), ct);

    Task IHistoryImportRunner.RunAsync(IProgress<double> progress, CancellationToken ct)
        => RunAllAsync(progress, o => o.ImportEnabled, (userId, _, token) => _engine.ImportAsync(userId, token), ct);

    public Task<SyncRunSummary> ExportAsync(Guid userId, IProgress<double>? progress, CancellationToken cancellationToken)
        => _engine.ExportAsync(userId, false, progress, cancellationToken);

    public Task<SyncRunSummary> PreviewExportAsync(Guid userId, CancellationToken cancellationToken)
        => _engine.ExportAsync(userId, true, null, cancellationToken);

    public Task<SyncRunSummary> ImportAsync(Guid userId, CancellationToken cancellationToken)
        => _engine.ImportAsync(userId, cancellationToken);

    public async Task<IReadOnlyDictionary<SyncRunKind, SyncRunSummary>> GetLastRunsAsync(Guid userId, CancellationToken cancellationToken)
        => (await _engine.GetStateAsync(userId, cancellationToken).ConfigureAwait(false)).LastRuns;

    private async Task RunAllAsync(
        IProgress<double> progress,
        Func<UserSyncOptions, bool> wanted,
        Func<Guid, IProgress<double>, CancellationToken, Task<SyncRunSummary>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var users = _accounts.GetAll().Where(l => !l.IsBroken && wanted(_options.Get(l.UserId))).Select(l => l.UserId).ToList();
        for (var i = 0; i < users.Count; i++)
        {
            var done = i;
            var part = new Progress(p => progress.Report((done + (p / 100)) * 100 / users.Count));
            try
            {
                await run(users[i], part, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One user's failure (a damaged file, a library error) never stops the others.
                LogUserFailed(_logger, ex, users[i]);
            }
        }

        progress.Report(100);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "History sync failed for user {UserId}")]
    private static partial void LogUserFailed(ILogger logger, Exception exception, Guid userId);

    /// <summary>Reports synchronously (Progress{T} would post to a thread-pool callback, out of order).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
