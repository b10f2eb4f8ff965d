using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Sync;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Stands in for the sync core's services when a build registers none, so the scheduled tasks can still be created
/// (Jellyfin fails the whole plugin when one cannot be): runs say plainly that history sync is not available and
/// finish, and played/unplayed changes are dropped.
/// </summary>
internal sealed partial class HistorySyncUnavailable : IPlayedStateChangeSink, IHistoryExportRunner, IHistoryImportRunner
{
    private readonly ILogger<HistorySyncUnavailable> _logger;

    public HistorySyncUnavailable(ILogger<HistorySyncUnavailable> logger) => _logger = logger;

    public void Offer(PlayedStateChange change)
    {
    }

    public Task RunAsync(IProgress<double> progress, CancellationToken ct)
    {
        LogUnavailable(_logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl history sync is not available in this build of the plugin; nothing was sent or fetched")]
    private static partial void LogUnavailable(ILogger logger);
}
