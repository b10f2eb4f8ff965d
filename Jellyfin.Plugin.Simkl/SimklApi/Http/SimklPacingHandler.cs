using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// Runs every attempt (retries included) through the server-wide burst gate, then bounds the attempt with its own
/// timeout, measured on the injected clock from the moment the request actually leaves.
/// </summary>
internal sealed class SimklPacingHandler : DelegatingHandler
{
    private readonly SimklBurstGate _gate;
    private readonly TimeProvider _time;
    private readonly SimklHttpOptions _options;

    public SimklPacingHandler(SimklBurstGate gate, TimeProvider time, SimklHttpOptions options)
    {
        _gate = gate;
        _time = time;
        _options = options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _gate.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        using var attempt = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            try
            {
                // The body is read here, under the same deadline, so a response that stalls half-way also times out.
                await response.Content.LoadIntoBufferAsync(_options.MaxResponseBytes, linked.Token).ConfigureAwait(false);
                return response;
            }
            catch
            {
                // A response whose body could not be read (cut off, too large, too slow) is never handed on: release
                // its connection here.
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Simkl did not answer within {_options.AttemptTimeout.TotalSeconds:0.#} s.");
        }
    }
}
