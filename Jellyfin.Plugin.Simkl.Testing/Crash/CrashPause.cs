using System;
using System.Globalization;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>Where a crash test child holds to be killed: the n-th write at a point whose path starts with a prefix.</summary>
public sealed record CrashPause(string Point, string PathPrefix, int Occurrence)
{
    public override string ToString() => FormattableString.Invariant($"{Point}:{PathPrefix}:{Occurrence}");

    public static CrashPause? Parse(string? text)
    {
        var parts = text?.Split(':');
        return parts is { Length: 3 } && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var occurrence)
            ? new CrashPause(parts[0], parts[1], occurrence)
            : null;
    }
}
