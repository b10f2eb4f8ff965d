using System;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// Server-wide pacing: at most <see cref="SimklHttpOptions.BurstLimit"/> requests start in any
/// <see cref="SimklHttpOptions.BurstWindow"/>, because Simkl flags 3 requests in one second from one IP and every user
/// of a server shares that IP. Callers wait their turn, in order; nobody is refused.
/// </summary>
internal sealed class SimklBurstGate : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly DateTimeOffset[] _recentStarts;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _oldest;
    private int _waiting;

    public SimklBurstGate(TimeProvider time, SimklHttpOptions options)
    {
        _time = time;
        _window = options.BurstWindow;
        _recentStarts = new DateTimeOffset[options.BurstLimit];
        Array.Fill(_recentStarts, DateTimeOffset.MinValue);
    }

    /// <summary>Gets how many requests are waiting for their turn right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits until a request may start without breaking the burst limit, and counts it as started.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the request may start.</returns>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await WaitForSlotAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _turn.Dispose();

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var freeAt = _recentStarts[_oldest] == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : _recentStarts[_oldest] + _window;
            var wait = freeAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            _recentStarts[_oldest] = _time.GetUtcNow();
            _oldest = (_oldest + 1) % _recentStarts.Length;
        }
        finally
        {
            _turn.Release();
        }
    }
}
