using System.Globalization;
using Jellyfin.Plugin.Simkl.Testing.Simulation;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// One playback of the crash test's script: who plays what, on which device, and where they stop. Every playback has
/// an item of its own, so any watch Simkl holds twice is a watch recorded twice.
/// </summary>
public sealed record CrashPlayback(int Index, int User, int Device, bool IsEpisode, PlaybackPlan Plan)
{
    public string Title => IsEpisode ? CrashScript.ShowTitle(User) + " episode " + EpisodeNumber.ToString(CultureInfo.InvariantCulture) : "Crash Movie " + Index.ToString(CultureInfo.InvariantCulture);

    public string Imdb => "tt" + (9_100_000 + Index).ToString(CultureInfo.InvariantCulture);

    /// <summary>Gets the episode number (season 1 of the user's show); unique per playback.</summary>
    public int EpisodeNumber => Index + 1;

    /// <summary>Gets a value indicating whether the stop makes this a watch Simkl must record (the user's threshold).</summary>
    public bool CompletionExpected => Plan.FinalPercent >= CrashScript.ThresholdOf(User);
}
