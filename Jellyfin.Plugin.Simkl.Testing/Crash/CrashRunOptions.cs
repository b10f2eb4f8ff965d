using System;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>The size of a crash test run: how many kills, the script's seed, and how many playbacks each child plays.</summary>
public sealed record CrashRunOptions(int Kills, int Seed = 20261201, int BatchSize = 6)
{
    /// <summary>Gets the window in which a random kill lands (real time from the child's start: boot, replay, playing, delivery).</summary>
    public TimeSpan RandomKillWindow { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Gets the simulated time a restart takes (the next child starts this long after the last request of the previous one).</summary>
    public TimeSpan RestartTime { get; init; } = TimeSpan.FromSeconds(30);
}
