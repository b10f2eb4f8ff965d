using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>An entry of the fake's catalog. Kind is "movie", "show" or "anime"; ids include "simkl".</summary>
public sealed record FakeSimklItem(string Kind, string Title, int Year, IReadOnlyDictionary<string, string> Ids, IReadOnlyList<string>? FilePaths = null)
{
    public long SimklId => long.Parse(Ids["simkl"], System.Globalization.CultureInfo.InvariantCulture);
}
