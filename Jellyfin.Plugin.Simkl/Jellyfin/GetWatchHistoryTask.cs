using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Model.Tasks;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// "Get watch history from Simkl" under Dashboard → Scheduled Tasks: marks played in Jellyfin what linked users (with
/// import on) watched according to Simkl. Each run asks Simkl what changed first and fetches items only when something
/// did. Jellyfin finds this class among the plugin's public types and creates it from its container; it must stay
/// public, with a constructor the container can fill.
/// </summary>
public sealed class GetWatchHistoryTask : IScheduledTask
{
    private readonly IHistoryImportRunner _runner;

    /// <summary>Initializes a new instance of the <see cref="GetWatchHistoryTask"/> class.</summary>
    /// <param name="runner">The sync core's import.</param>
    public GetWatchHistoryTask(IHistoryImportRunner runner) => _runner = runner;

    /// <inheritdoc />
    public string Name => "Get watch history from Simkl";

    /// <inheritdoc />
    public string Key => "SimklGetWatchHistory";

    /// <inheritdoc />
    public string Description => "Marks played in Jellyfin the movies and episodes linked users watched according to their Simkl history. Simkl is asked what changed first; nothing is fetched when nothing did.";

    /// <inheritdoc />
    public string Category => HistorySyncTaskDefaults.Category;

    /// <inheritdoc />
    public Task ExecuteAsync(IProgress<double> progress, CancellationToken cancellationToken)
        => HistorySyncTaskRun.ExecuteAsync(_runner.RunAsync, progress, cancellationToken);

    /// <inheritdoc />
    public IEnumerable<TaskTriggerInfo> GetDefaultTriggers() => HistorySyncTaskDefaults.ImportTriggers();
}
