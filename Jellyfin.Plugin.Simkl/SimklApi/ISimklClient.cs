using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Every call the plugin makes to Simkl. Calls never throw for an HTTP or network failure: the result says what
/// happened. Only cancellation throws (<see cref="System.OperationCanceledException"/>).
/// </summary>
/// <remarks>
/// All calls share one server-wide pace (never 3 requests in one second: every user of a server shares one IP).
/// Writes for one Simkl account (scrobbles, history) are also spaced at least 20 seconds apart; they wait their
/// turn. A write given a coalescing key replaces a queued, not yet sent write with the same key; the replaced
/// call completes with <see cref="SimklOutcome.Superseded"/>.
/// </remarks>
public interface ISimklClient
{
    /// <summary><c>GET /oauth/pin</c>: starts Simkl's PIN flow.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The code to show the user, with Simkl's expiry and polling interval.</returns>
    Task<SimklResult<PinCode>> RequestPinCodeAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /oauth/pin/{user_code}</c>: asks whether the user has approved the code.</summary>
    /// <param name="userCode">The code from <see cref="RequestPinCodeAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Pending, slow down, approved (with the token), or gone.</returns>
    Task<SimklResult<PinPollResult>> PollPinCodeAsync(string userCode, CancellationToken cancellationToken);

    /// <summary><c>POST /users/settings</c>: who the token belongs to.</summary>
    /// <param name="token">The user's token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The Simkl account's name and id.</returns>
    Task<SimklResult<SimklUserProfile>> GetUserProfileAsync(SimklToken token, CancellationToken cancellationToken);

    /// <summary><c>POST /scrobble/start|pause|stop</c>: reports a playback state change for one item.</summary>
    /// <param name="action">Which scrobble endpoint.</param>
    /// <param name="request">The item and its progress.</param>
    /// <param name="token">The user's token.</param>
    /// <param name="coalescingKey">Identifies the playback: a newer write with the same key replaces this one while it waits.</param>
    /// <param name="cancellationToken">Cancels the call, waiting included.</param>
    /// <returns>
    /// What Simkl answered. A <c>stop</c> below 80 % is answered <c>action: "pause"</c>
    /// (<see cref="ScrobbleResponse.SavedAsPaused"/>): Simkl kept a paused playback and recorded no watch.
    /// </returns>
    Task<SimklResult<ScrobbleResponse>> ScrobbleAsync(ScrobbleAction action, ScrobbleRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken);

    /// <summary><c>POST /sync/history</c>: marks items watched at a given time.</summary>
    /// <param name="request">The items, each with its episode(s) and <c>watched_at</c>.</param>
    /// <param name="token">The user's token.</param>
    /// <param name="coalescingKey">As for <see cref="ScrobbleAsync"/>; usually null.</param>
    /// <param name="cancellationToken">Cancels the call, waiting included.</param>
    /// <returns>
    /// How many items Simkl added, and which it could not find. When anything sent is in Simkl's not-found lists (an
    /// unknown movie or show, or an episode the show does not have) the outcome is <see cref="SimklOutcome.NotFound"/>,
    /// never a success, with the <see cref="HistoryResult"/> attached.
    /// </returns>
    Task<SimklResult<HistoryResult>> AddToHistoryAsync(HistoryRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken);

    /// <summary><c>POST /search/file</c>: matches a file path to a movie or an episode.</summary>
    /// <param name="request">The full path (folder names help), and the part for multi-episode files.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The match; <see cref="SimklOutcome.NotFound"/> when Simkl recognised nothing.</returns>
    Task<SimklResult<FileMatch>> SearchByFileAsync(FileSearchRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /search/id</c>: looks an item up by one external id.</summary>
    /// <param name="lookup">The id and, for TMDb, the type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hits; <see cref="SimklOutcome.NotFound"/> when there are none.</returns>
    Task<SimklResult<IReadOnlyList<IdSearchHit>>> SearchByIdAsync(IdLookup lookup, CancellationToken cancellationToken);
}
