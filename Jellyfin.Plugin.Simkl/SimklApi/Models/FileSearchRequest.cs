namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The body of <c>POST /search/file</c>.
/// </summary>
/// <param name="File">The full path of the file: folder names help Simkl recognise it.</param>
/// <param name="Part">For a file holding several episodes, which one (1-based).</param>
public sealed record FileSearchRequest(string File, int? Part = null);
