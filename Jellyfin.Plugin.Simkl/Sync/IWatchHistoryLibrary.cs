using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// A user's Jellyfin watch history, as history sync needs it. Implemented by the Jellyfin layer; the sync core knows
/// nothing of Jellyfin. Reads are streamed in pages: nothing here may hold a whole library in memory.
/// </summary>
internal interface IWatchHistoryLibrary
{
    /// <summary>Counts the movies and episodes Jellyfin counts as played for the user.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The number of played items.</returns>
    Task<int> CountPlayedItemsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Streams the movies and episodes Jellyfin counts as played for the user, in a stable order (by item id).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The played items, page by page.</returns>
    IAsyncEnumerable<PlayedItem> GetPlayedItemsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Finds the movies in the user's libraries that carry any of these ids (provider ids, key:value pairs only).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="ids">Simkl's ids for the movie.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The matching movies (every version), possibly none.</returns>
    Task<IReadOnlyList<TrackedItem>> FindMoviesAsync(Guid userId, SimklIds ids, CancellationToken cancellationToken);

    /// <summary>Finds the episodes of the series in the user's libraries that carry any of these show ids.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="showIds">Simkl's ids for the show or anime.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The episodes of the matching series, with their season and episode numbers, possibly none.</returns>
    Task<IReadOnlyList<TrackedItem>> FindEpisodesAsync(Guid userId, SimklIds showIds, CancellationToken cancellationToken);

    /// <summary>Tells whether Jellyfin counts the item as played for the user.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="itemId">The item.</param>
    /// <returns>True when played.</returns>
    bool IsPlayed(Guid userId, Guid itemId);

    /// <summary>
    /// Marks an item played (with its last played date) or unplayed for the user, as history import does. The change
    /// is saved so that the Jellyfin layer recognises it as ours and never offers it back as a user's change.
    /// </summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="played">Played or unplayed.</param>
    /// <param name="lastPlayed">The last played date to save with a played mark.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when saved.</returns>
    Task SetPlayedAsync(Guid userId, Guid itemId, bool played, DateTimeOffset? lastPlayed, CancellationToken cancellationToken);
}
