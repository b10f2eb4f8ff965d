using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>History sync for one user, started from the plugin page ("Send my history now", its preview, "Get my history now").</summary>
public interface IUserHistorySync
{
    /// <summary>Sends the user's watch history to Simkl now (whether or not the scheduled export includes the user).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="progress">Receives the progress in percent, or null.</param>
    /// <param name="cancellationToken">Stops the run; the next one resumes where it stopped.</param>
    /// <returns>What was sent.</returns>
    Task<SyncRunSummary> ExportAsync(Guid userId, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>Counts what an export would send now, sending nothing (Simkl's history is read as an export would).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    /// <returns>The count in <see cref="SyncRunSummary.Sent"/>, items Simkl cannot be asked about in <see cref="SyncRunSummary.NotFound"/>.</returns>
    Task<SyncRunSummary> PreviewExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Marks items played from the user's Simkl history now (whether or not the scheduled import includes the user).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>What was matched and marked played.</returns>
    Task<SyncRunSummary> ImportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Gets the last export, import and followed marks of the user, as far as there were any.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last run of each kind.</returns>
    Task<IReadOnlyDictionary<SyncRunKind, SyncRunSummary>> GetLastRunsAsync(Guid userId, CancellationToken cancellationToken);
}
