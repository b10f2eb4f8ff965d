using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// An entry of the fake's catalog. Kind is "movie", "show" or "anime"; ids include "simkl". Episodes lists the aired
/// episodes of a show when a test set them (<see cref="FakeSimklServer.SetEpisodes"/>); null means the fake was not told,
/// and then every season and episode number is taken as existing.
/// </summary>
public sealed record FakeSimklItem(string Kind, string Title, int Year, IReadOnlyDictionary<string, string> Ids, IReadOnlyList<string>? FilePaths = null, IReadOnlyList<FakeSimklEpisode>? Episodes = null)
{
    public long SimklId => long.Parse(Ids["simkl"], System.Globalization.CultureInfo.InvariantCulture);
}
