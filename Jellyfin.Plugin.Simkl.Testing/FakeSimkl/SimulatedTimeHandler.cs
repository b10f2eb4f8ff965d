using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// Stamps every request with the plugin's simulated time as it goes on the wire (after the burst gate), so the fake
/// Simkl judges its pacing and its 20-second lock at the time the request was sent. In a real network that is the time
/// Simkl receives it; in a test, simulated time may jump on (several timers fire in one step) before the fake reads a
/// request that left earlier. The crash test's fake, in another process, takes the whole clock from it (<see cref="SenderClock"/>).
/// </summary>
public sealed class SimulatedTimeHandler(TimeProvider time) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(SenderClock.HeaderName);
        request.Headers.TryAddWithoutValidation(SenderClock.HeaderName, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
