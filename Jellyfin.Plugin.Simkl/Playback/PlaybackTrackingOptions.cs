using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>The tracker's rules, as numbers (the reasons are in README's "How tracking decides").</summary>
internal sealed record PlaybackTrackingOptions
{
    /// <summary>
    /// Gets how long an item must actually play (paused time does not count) before the playback has "really begun" and
    /// Simkl hears of it. Zapping, opening the wrong episode or checking a file take a few seconds and must leave no trace
    /// on Simkl; 20 s is past that yet still within the opening of anything, and the start carries the real position, so
    /// waiting loses nothing. A stop before then sends nothing either.
    /// </summary>
    public TimeSpan ConfirmAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets how far the reported position may drift from what the clock predicts before it counts as a seek.</summary>
    public TimeSpan SeekTolerance { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets how long the position must stay consistent after a seek before the new progress is sent.</summary>
    public TimeSpan SeekSettle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets how long a "Simkl does not know this file" answer is trusted before the file is looked up again.</summary>
    public TimeSpan NotFoundExpiry { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Gets how long the client itself may stay silent before a stop is taken to come from the server's reaper. Jellyfin
    /// stops a playing session whose client has not checked in for 5 minutes, and until then its own 1 Hz timer keeps
    /// moving the position on as if the client were still playing: that time was not watched, and counting it could push
    /// an abandoned film past the completion threshold. Every live client checks in more often than this, or is reaped.
    /// </summary>
    public TimeSpan ClientSilenceLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets how long a finished playback is remembered. Jellyfin raises its stop on the thread pool, so the client's last
    /// progress can arrive after it; Jellyfin then marks the item playing again and restarts its 1 Hz timer until the idle
    /// check reaps the session (5 to 10 minutes). All of that belongs to the finished playback and must not revive it.
    /// A new start of the same item in the same session always begins a new playback.
    /// </summary>
    public TimeSpan RememberFinishedFor { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets how many finished playbacks are remembered at most (the oldest are forgotten first).</summary>
    public int MaxRememberedFinished { get; init; } = 10_000;

    /// <summary>Gets how long an item first seen without a runtime waits before it is looked at again.</summary>
    public TimeSpan RuntimeRecheck { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long a playback may stay silent before it is forgotten (a client that vanished without a stop).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(6);
}
