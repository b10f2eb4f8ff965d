using System;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Brings the watch history of every linked user with import on from Simkl: what the scheduled task "Get watch
/// history from Simkl" runs. Public because Jellyfin creates scheduled tasks from the plugin's public types, so their
/// constructor parameters must be public too.
/// </summary>
public interface IHistoryImportRunner
{
    /// <summary>Runs one import for all linked users.</summary>
    /// <param name="progress">Receives the overall progress in percent (0 to 100).</param>
    /// <param name="ct">Stops the run; what was marked stays marked and the next run resumes.</param>
    /// <returns>A task that completes when the run ends.</returns>
    Task RunAsync(IProgress<double> progress, CancellationToken ct);
}
