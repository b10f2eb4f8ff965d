using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>What the tracker knows of one playback between its events.</summary>
internal sealed class PlaybackState
{
    public PlaybackState(PlaybackKey key, TrackedItem item, DateTimeOffset time, TimeSpan position, bool isPaused)
    {
        Key = key;
        Item = item;
        LastEventAt = time;
        LastPosition = position;
        IsPaused = isPaused;
    }

    public PlaybackKey Key { get; }

    public TrackedItem Item { get; }

    /// <summary>Gets or sets why this playback is not tracked; null while it is.</summary>
    public string? IgnoredBecause { get; set; }

    public SimklMedia? Media { get; set; }

    public bool IsAnime { get; set; }

    public UserTrackingOptions? Options { get; set; }

    /// <summary>Gets or sets a value indicating whether Simkl has been told about this playback.</summary>
    public bool Announced { get; set; }

    public TimeSpan PlayedFor { get; set; }

    public DateTimeOffset LastEventAt { get; set; }

    public TimeSpan LastPosition { get; set; }

    public bool IsPaused { get; set; }

    /// <summary>Gets or sets the episode of a multi-episode file last announced to Simkl.</summary>
    public int? AnnouncedEpisode { get; set; }

    public DateTimeOffset? SeekSettlesAt { get; set; }

    public string CoalescingKey => "playback:" + Key;
}
