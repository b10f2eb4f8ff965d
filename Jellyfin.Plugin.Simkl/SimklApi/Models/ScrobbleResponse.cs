namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What Simkl answers to a scrobble. Used for logging only: scrobbles are identified by item, not by this id.
/// </summary>
/// <param name="Id">The scrobble session id (a number or a string, depending on the document).</param>
/// <param name="Action">The resulting action; a stop below 80 % comes back as <c>pause</c>.</param>
/// <param name="Progress">The progress Simkl recorded.</param>
public sealed record ScrobbleResponse(string? Id, string? Action, double? Progress);
