using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>The tracker's rules, as numbers (the reasons are in README's "How tracking decides").</summary>
internal sealed record PlaybackTrackingOptions
{
    /// <summary>Gets how long an item must actually play before Simkl hears of it, so zapping through items sends nothing.</summary>
    public TimeSpan ConfirmAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets how far the reported position may drift from what the clock predicts before it counts as a seek.</summary>
    public TimeSpan SeekTolerance { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets how long the position must stay consistent after a seek before the new progress is sent.</summary>
    public TimeSpan SeekSettle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets how long a "Simkl does not know this file" answer is trusted before the file is looked up again.</summary>
    public TimeSpan NotFoundExpiry { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Gets how long a playback may stay silent before it is forgotten (a client that vanished without a stop).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(6);
}
