using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What Simkl answers to a scrobble. Scrobbles are identified by item, not by this id.
/// </summary>
/// <param name="Id">The scrobble session id (a number or a string, depending on the document).</param>
/// <param name="Action">The resulting action; a stop below 80 % comes back as <c>pause</c>.</param>
/// <param name="Progress">The progress Simkl recorded.</param>
public sealed record ScrobbleResponse(string? Id, string? Action, double? Progress)
{
    /// <summary>
    /// Gets a value indicating whether Simkl kept the item as a paused, resumable playback (<c>action: "pause"</c>). For a
    /// <c>stop</c> this means Simkl did <b>not</b> record a watch (it counts only at 80 % or more); a caller that
    /// considers the item watched must add it to the history itself.
    /// </summary>
    public bool SavedAsPaused => string.Equals(Action, "pause", StringComparison.OrdinalIgnoreCase);
}
