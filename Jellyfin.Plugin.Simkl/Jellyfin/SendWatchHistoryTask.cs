using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Model.Tasks;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// "Send watch history to Simkl" under Dashboard → Scheduled Tasks: sends what linked users (with export on) played in
/// Jellyfin and Simkl does not have yet. Jellyfin finds this class among the plugin's public types and creates it
/// from its container; it must stay public, with a constructor the container can fill.
/// </summary>
public sealed class SendWatchHistoryTask : IScheduledTask
{
    private readonly IHistoryExportRunner _runner;

    /// <summary>Initializes a new instance of the <see cref="SendWatchHistoryTask"/> class.</summary>
    /// <param name="runner">The sync core's export.</param>
    public SendWatchHistoryTask(IHistoryExportRunner runner) => _runner = runner;

    /// <inheritdoc />
    public string Name => "Send watch history to Simkl";

    /// <inheritdoc />
    public string Key => "SimklSendWatchHistory";

    /// <inheritdoc />
    public string Description => "Sends the movies and episodes linked users have played in Jellyfin, with when they watched them, to their Simkl history. Only what Simkl does not have yet is sent; an interrupted run resumes.";

    /// <inheritdoc />
    public string Category => HistorySyncTaskDefaults.Category;

    /// <inheritdoc />
    public Task ExecuteAsync(IProgress<double> progress, CancellationToken cancellationToken)
        => HistorySyncTaskRun.ExecuteAsync(_runner.RunAsync, progress, cancellationToken);

    /// <inheritdoc />
    public IEnumerable<TaskTriggerInfo> GetDefaultTriggers() => HistorySyncTaskDefaults.ExportTriggers();
}
