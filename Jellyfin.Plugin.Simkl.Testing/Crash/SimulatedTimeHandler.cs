using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// Stamps every request with the child's simulated time as it goes on the wire, so the fake Simkl in the parent
/// (on a <see cref="SenderClock"/>) applies its 20-second lock and records each watch on the plugin's clock.
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
