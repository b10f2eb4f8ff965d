using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// Keeps writes for one Simkl account (every token of it: <see cref="SimklToken.LaneKey"/>) at least <see cref="SimklHttpOptions.AccountWriteSpacing"/> apart (Simkl answers
/// 400 RATE_LIMIT inside its 20 s per-user lock). Writes wait their turn in order; a waiting write whose coalescing key
/// matches a newer one is answered <see cref="SimklOutcome.Superseded"/> and never sent.
/// </summary>
internal sealed class SimklAccountWriteScheduler
{
    private readonly ConcurrentDictionary<string, AccountWriteLane> _lanes = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly SimklHttpOptions _options;
    private int _pending;

    public SimklAccountWriteScheduler(TimeProvider time, SimklHttpOptions options)
    {
        _time = time;
        _options = options;
    }

    /// <summary>Gets how many writes are queued or being sent right now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public async Task<SimklResult<T>> RunAsync<T>(
        SimklToken account,
        string? coalescingKey,
        Func<CancellationToken, Task<SimklResult<T>>> send,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            return await RunInLaneAsync(account, coalescingKey, send, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task<SimklResult<T>> RunInLaneAsync<T>(
        SimklToken account,
        string? coalescingKey,
        Func<CancellationToken, Task<SimklResult<T>>> send,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(send);
        var lane = _lanes.GetOrAdd(account.LaneKey, _ => new AccountWriteLane());
        using var pending = new PendingWrite();
        if (coalescingKey is not null)
        {
            lock (lane.Sync)
            {
                if (lane.Waiting.TryGetValue(coalescingKey, out var older))
                {
                    older.Supersede();
                }

                lane.Waiting[coalescingKey] = pending;
            }
        }

        using var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pending.SupersededToken);
        try
        {
            await lane.Turn.WaitAsync(waitToken.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (pending.IsSuperseded && !cancellationToken.IsCancellationRequested)
        {
            return Superseded<T>();
        }

        var sent = false;
        try
        {
            var wait = lane.NextWriteAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, waitToken.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (pending.IsSuperseded && !cancellationToken.IsCancellationRequested)
                {
                    return Superseded<T>();
                }
            }

            if (!Leave(lane, coalescingKey, pending))
            {
                return Superseded<T>();
            }

            sent = true;
            var result = await send(cancellationToken).ConfigureAwait(false);
            if (result.Outcome == SimklOutcome.UserLocked)
            {
                // Simkl's lock started earlier than we knew (another app, or a clock skew): wait one full window, send once more.
                await Task.Delay(_options.AccountWriteSpacing, _time, cancellationToken).ConfigureAwait(false);
                result = await send(cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (sent)
            {
                lane.NextWriteAt = _time.GetUtcNow() + _options.AccountWriteSpacing;
            }

            Leave(lane, coalescingKey, pending);
            lane.Turn.Release();
        }
    }

    private static bool Leave(AccountWriteLane lane, string? coalescingKey, PendingWrite pending)
    {
        if (coalescingKey is null)
        {
            return true;
        }

        lock (lane.Sync)
        {
            if (lane.Waiting.TryGetValue(coalescingKey, out var current) && ReferenceEquals(current, pending))
            {
                lane.Waiting.Remove(coalescingKey);
            }

            return !pending.IsSuperseded;
        }
    }

    private static SimklResult<T> Superseded<T>()
        => SimklResult.Failure<T>(SimklOutcome.Superseded, "A newer state of the same playback replaced this one before it was sent.");
}
