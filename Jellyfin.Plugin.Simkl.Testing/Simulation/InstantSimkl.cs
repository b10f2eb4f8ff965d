using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Sync;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>
/// A Simkl that accepts every history write at once and has no history of its own, keeping nothing (unlike a mocking
/// library, which records every call): for measuring the memory of the sync core alone.
/// </summary>
internal sealed class InstantSimkl : ISimklClient, ISimklSyncClient
{
    private static readonly Task<SimklResult<HistoryResult>> Accepted = Task.FromResult(SimklResult.Success(new HistoryResult(0, 0, 0, [], [])));

    public int Writes { get; private set; }

    public Task<SimklResult<HistoryResult>> AddToHistoryAsync(HistoryRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken)
    {
        Writes++;
        return Accepted;
    }

    public Task<SimklResult<SimklActivities>> GetActivitiesAsync(SimklToken token, CancellationToken cancellationToken)
        => Task.FromResult(SimklResult.Success(new SimklActivities(null, null, null, null)));

    public Task<SimklResult<IReadOnlyList<SimklWatchedItem>>> GetAllItemsAsync(SimklSyncType type, string? dateFrom, SimklToken token, CancellationToken cancellationToken)
        => Task.FromResult(SimklResult.Success<IReadOnlyList<SimklWatchedItem>>([]));

    public Task<SimklResult<HistoryResult>> RemoveFromHistoryAsync(HistoryRequest request, SimklToken token, CancellationToken cancellationToken) => Accepted;

    public Task<SimklResult<PinCode>> RequestPinCodeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SimklResult<PinPollResult>> PollPinCodeAsync(string userCode, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SimklResult<SimklUserProfile>> GetUserProfileAsync(SimklToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SimklResult<ScrobbleResponse>> ScrobbleAsync(ScrobbleAction action, ScrobbleRequest request, SimklToken token, string? coalescingKey, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<SimklResult<FileMatch>> SearchByFileAsync(FileSearchRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SimklResult<IReadOnlyList<IdSearchHit>>> SearchByIdAsync(IdLookup lookup, CancellationToken cancellationToken) => throw new NotSupportedException();
}
