using System;
using System.Diagnostics.CodeAnalysis;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// One Jellyfin user's tracking options, as stored in the plugin configuration.
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The server's XML and JSON serializers need settable arrays.")]
public class UserConfiguration
{
    /// <summary>The completion threshold Simkl itself applies on <c>/scrobble/stop</c>.</summary>
    public const int DefaultCompletionThresholdPercent = 80;

    /// <summary>Gets or sets the Jellyfin user these options belong to.</summary>
    public Guid UserId { get; set; }

    /// <summary>Gets or sets a value indicating whether anything is sent to Simkl for this user.</summary>
    public bool TrackingEnabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether movies are tracked.</summary>
    public bool TrackMovies { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether TV episodes are tracked.</summary>
    public bool TrackShows { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether anime is tracked.</summary>
    public bool TrackAnime { get; set; } = true;

    /// <summary>Gets or sets the libraries whose items are never tracked.</summary>
    public Guid[] ExcludedLibraryIds { get; set; } = [];

    /// <summary>Gets or sets the libraries whose series and movies are sent to Simkl as anime.</summary>
    public Guid[] AnimeLibraryIds { get; set; } = [];

    /// <summary>
    /// Gets or sets the shortest runtime, in whole seconds, of an item that is tracked.
    /// Stored as seconds because the server's XML serializer cannot write a <see cref="TimeSpan"/>;
    /// the rest of the plugin sees a <see cref="TimeSpan"/> only.
    /// </summary>
    public int MinimumDurationSeconds { get; set; }

    /// <summary>Gets or sets the progress, in percent, at or above which a stopped playback counts as watched.</summary>
    public int CompletionThresholdPercent { get; set; } = DefaultCompletionThresholdPercent;

    /// <summary>Gets or sets a value indicating whether the scheduled task sends the user's Jellyfin watch history to Simkl.</summary>
    public bool ExportHistory { get; set; }

    /// <summary>Gets or sets a value indicating whether the scheduled task marks items played from the user's Simkl history.</summary>
    public bool ImportHistory { get; set; }

    /// <summary>Gets or sets a value indicating whether "mark played" in Jellyfin is sent to Simkl's history.</summary>
    public bool FollowMarkPlayed { get; set; }

    /// <summary>Gets or sets a value indicating whether "mark unplayed" in Jellyfin removes the watch from Simkl (needs <see cref="FollowMarkPlayed"/>).</summary>
    public bool AllowUnmark { get; set; }
}
