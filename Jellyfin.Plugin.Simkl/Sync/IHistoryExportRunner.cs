using System;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Sends the watch history of every linked user with export on to Simkl: what the scheduled task "Send watch history
/// to Simkl" runs. Public because Jellyfin creates scheduled tasks from the plugin's public types, so their
/// constructor parameters must be public too.
/// </summary>
public interface IHistoryExportRunner
{
    /// <summary>Runs one export for all linked users.</summary>
    /// <param name="progress">Receives the overall progress in percent (0 to 100).</param>
    /// <param name="ct">Stops the run; what was sent stays sent and the next run resumes.</param>
    /// <returns>A task that completes when the run ends.</returns>
    Task RunAsync(IProgress<double> progress, CancellationToken ct);
}
