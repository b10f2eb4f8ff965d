using System;
using System.Globalization;
using Jellyfin.Plugin.Simkl.Testing.Simulation;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// The crash test's scripted run, the same in the parent and in every child: playback <c>i</c> is derived from the
/// seed and <c>i</c> alone. Four users; consecutive playbacks of a batch alternate users and devices, so one user
/// plays on two devices at once. Most stops are past 80 % (Simkl records the stop), some between a user's lower
/// threshold of 70 % and 80 % (the plugin adds the watch to the history itself), some too early to count.
/// </summary>
public static class CrashScript
{
    public const int Users = 4;

    /// <summary>The user who counts a watch from 70 % (the others keep Simkl's 80 %).</summary>
    public const int LowThresholdUser = 3;

    public const int LowThreshold = 70;

    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);

    public static int ThresholdOf(int user) => user == LowThresholdUser ? LowThreshold : 80;

    public static string UserName(int user) => "crash-user-" + user.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fixed Jellyfin user id, so every child process links and finds the same users.</summary>
    public static Guid UserId(int user) => new(user + 1, 0x5eed, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    public static string ShowTitle(int user) => "Crash Show " + user.ToString(CultureInfo.InvariantCulture);

    public static string ShowTvdb(int user) => (700_000 + user).ToString(CultureInfo.InvariantCulture);

    public static CrashPlayback Playback(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var user = index % Users;
        var device = (index / Users) % 2;
        var isEpisode = index % 3 == 2;
        var runtime = TimeSpan.FromSeconds(random.Next(150, 301));
        var roll = random.NextDouble();
        var percent = roll < 0.15 ? random.Next(30, 61) : roll < 0.35 ? random.Next(72, 80) : random.Next(82, 101);
        var stopAt = TimeSpan.FromSeconds(Math.Ceiling(runtime.TotalSeconds * percent / 100));
        var pauses = random.NextDouble() < 0.25 ? new[] { (TimeSpan.FromSeconds(runtime.TotalSeconds * 0.4), TimeSpan.FromSeconds(30)) } : null;
        return new CrashPlayback(index, user, device, isEpisode, PlaybackPlan.Build("crash", runtime, stopAt, pauses));
    }
}
