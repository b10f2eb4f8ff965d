using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// The history-sync calls to Simkl, on the same client, pace, write lanes and outcome mapping as
/// <see cref="ISimklClient"/>. Writes go through <see cref="ISimklClient.AddToHistoryAsync"/> and
/// <see cref="RemoveFromHistoryAsync"/>; both wait for the account's 20-second spacing.
/// </summary>
internal interface ISimklSyncClient
{
    /// <summary><c>GET /sync/activities</c> (POST when Simkl answers 404 or 405): the last change per list.</summary>
    /// <param name="token">The user's token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The timestamps.</returns>
    Task<SimklResult<SimklActivities>> GetActivitiesAsync(SimklToken token, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET /sync/all-items/{type}</c> with the watched episodes and their dates. Only after
    /// <see cref="GetActivitiesAsync"/> showed a change; with <paramref name="dateFrom"/> after the first read.
    /// </summary>
    /// <param name="type">Movies, shows or anime.</param>
    /// <param name="dateFrom">Only items changed after this time (Simkl's own timestamp text); null for the first, full read.</param>
    /// <param name="token">The user's token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items (empty when Simkl answers <c>null</c>: nothing in the lists).</returns>
    Task<SimklResult<IReadOnlyList<SimklWatchedItem>>> GetAllItemsAsync(SimklSyncType type, string? dateFrom, SimklToken token, CancellationToken cancellationToken);

    /// <summary><c>POST /sync/history/remove</c>: removes watches (a show always names its episodes).</summary>
    /// <param name="request">The items, shaped as for <c>/sync/history</c>.</param>
    /// <param name="token">The user's token.</param>
    /// <param name="cancellationToken">Cancels the call, waiting included.</param>
    /// <returns>What Simkl did; its answer body is usually empty.</returns>
    Task<SimklResult<HistoryResult>> RemoveFromHistoryAsync(HistoryRequest request, SimklToken token, CancellationToken cancellationToken);
}
