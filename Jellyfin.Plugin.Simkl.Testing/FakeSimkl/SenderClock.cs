using System;
using System.Globalization;
using System.Threading;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// The fake's clock when the plugin runs in another process on its own simulated time (the crash test): every request
/// carries the sender's simulated time in <see cref="HeaderName"/>, and while the fake handles that request, "now" is
/// that time. The 20-second lock and every timestamp then agree with the plugin's clock, although the fake outlives
/// many plugin processes. Outside a request, "now" is the latest time any request carried.
/// </summary>
/// <remarks>
/// Only a fake created with this clock takes its whole clock from the header; a fake on the test's own clock uses the
/// header only to stamp the request (and judge its pacing) at the time it was sent.
/// Timers of this clock are real ones, so the crash test injects no slow-answer fault.
/// </remarks>
public sealed class SenderClock : TimeProvider
{
    public const string HeaderName = "X-Simulated-Time";

    private readonly AsyncLocal<DateTimeOffset?> _current = new();
    private long _latestTicks;

    public SenderClock(DateTimeOffset start) => _latestTicks = start.UtcTicks;

    /// <summary>Gets the latest simulated time any request carried.</summary>
    public DateTimeOffset Latest => new(Interlocked.Read(ref _latestTicks), TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _current.Value ?? Latest;

    /// <summary>Takes the time of the request now being handled from its header (synchronous, so it flows to the caller).</summary>
    public void Enter(string? header)
    {
        if (!DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            _current.Value = null;
            return;
        }

        _current.Value = time;
        var ticks = time.UtcTicks;
        for (var latest = Interlocked.Read(ref _latestTicks); ticks > latest; latest = Interlocked.Read(ref _latestTicks))
        {
            if (Interlocked.CompareExchange(ref _latestTicks, ticks, latest) == latest)
            {
                break;
            }
        }
    }
}
