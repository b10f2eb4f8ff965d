using System;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// How both history-sync tasks run under Jellyfin's task manager: the bar starts at 0 and only grows, a cancelled run
/// ends as cancelled (so the dashboard does not show it as completed), and a finished one ends at 100.
/// </summary>
internal static class HistorySyncTaskRun
{
    /// <summary>Runs one sync run for Jellyfin's task manager.</summary>
    /// <param name="run">The sync core's run (import or export).</param>
    /// <param name="progress">Jellyfin's progress bar.</param>
    /// <param name="cancellationToken">Jellyfin's cancellation.</param>
    /// <returns>A task that completes when the run ends.</returns>
    public static async Task ExecuteAsync(Func<IProgress<double>, CancellationToken, Task> run, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(progress);
        var bar = new TaskProgress(progress);
        bar.Report(0);
        await run(bar, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        bar.Complete();
    }
}
