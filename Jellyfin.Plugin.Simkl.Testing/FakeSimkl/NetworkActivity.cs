using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// Counts HTTP attempts on the wire. The innermost handler of the client in tests: simulated time only moves on once
/// no request is travelling, so a real loopback round trip never sees a simulated timeout.
/// </summary>
public sealed class NetworkActivity
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(NetworkActivity activity) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref activity._inFlight);
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                try
                {
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    return response;
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
            finally
            {
                Interlocked.Decrement(ref activity._inFlight);
            }
        }
    }
}
