using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// The Simkl accounts linked to Jellyfin users. Tokens live in the plugin's data folder, never in the plugin
/// configuration (which the server hands to browsers).
/// </summary>
public interface ISimklAccountStore
{
    /// <summary>Raised after a user was linked, unlinked or marked broken.</summary>
    event EventHandler<SimklAccountChangedEventArgs>? AccountChanged;

    /// <summary>
    /// Returns whether the user is linked and the link works. Called on Jellyfin's request thread for every
    /// playback event: lock-free and allocation-free.
    /// </summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>True when the user's playbacks are sent to Simkl.</returns>
    bool IsTracking(Guid userId);

    /// <summary>Finds a user's link.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The link, or null when the user never linked (or unlinked).</returns>
    SimklAccountLink? Find(Guid userId);

    /// <summary>Gets every link.</summary>
    /// <returns>The links.</returns>
    IReadOnlyList<SimklAccountLink> GetAll();

    /// <summary>Links (or relinks) a user; a broken link becomes a working one.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="token">The token from the PIN flow.</param>
    /// <param name="simklUserName">The Simkl account's name, when known.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the link is on disk.</returns>
    Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, CancellationToken cancellationToken)
        => LinkAsync(userId, token, simklUserName, null, cancellationToken);

    /// <summary>
    /// Links (or relinks) a user to a known Simkl account; a broken link becomes a working one. Tokens made from the
    /// link carry the account id as their <see cref="SimklToken.AccountKey"/>.
    /// </summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="token">The token from the PIN flow.</param>
    /// <param name="simklUserName">The Simkl account's name, when known.</param>
    /// <param name="simklAccountId">The Simkl account's id (<c>/users/settings</c>), when known.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the link is on disk.</returns>
    Task LinkAsync(Guid userId, SimklToken token, string? simklUserName, long? simklAccountId, CancellationToken cancellationToken);

    /// <summary>Forgets a user's token.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the token is gone from disk.</returns>
    Task UnlinkAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the Simkl account id of a link made before ids were kept (asked of <c>/users/settings</c> later), so
    /// the user's watches stay bound to that account across a relink. Does nothing when the link now holds another token.
    /// </summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="token">The token the id was asked with.</param>
    /// <param name="simklAccountId">The account id Simkl gave.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the id is on disk.</returns>
    Task RememberAccountIdAsync(Guid userId, SimklToken token, long simklAccountId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Marks a user's link broken because Simkl answered 401 to <paramref name="rejected"/>: nothing more is sent for
    /// them until they relink. Does nothing when the user's link now holds another token (a call made with the old
    /// token of a user who has since linked again must not break the new link).
    /// </summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="rejected">The token Simkl refused.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the state is on disk.</returns>
    Task MarkBrokenAsync(Guid userId, SimklToken rejected, CancellationToken cancellationToken);
}
