using System.Globalization;
using System.Text.Json.Nodes;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// Scrobble answers where Simkl's documents disagree (SIMKL_API.md 3.4 to 3.6), so the fake can answer each plausible way:
/// where a <c>stop</c> marks the item watched ("&gt;80%" in one document, "≥ 80" in Appendix A; below it the stop is
/// answered with <c>action: "pause"</c>), and the session id (an integer in [000], a 24-hex string in [001]).
/// </summary>
public sealed partial class FakeSimklServer
{
    /// <summary>Gets or sets a value indicating whether a stop must be strictly above 80 % to count (default: at 80 % or more).</summary>
    public bool StopCountsOnlyAbove80 { get; set; }

    /// <summary>Gets or sets a value indicating whether scrobble answers carry the session id as a hex string ([001]) rather than an integer ([000]).</summary>
    public bool SessionIdsAsStrings { get; set; }

    private bool StopCounts(double progress) => StopCountsOnlyAbove80 ? progress > 80 : progress >= 80;

    private JsonNode SessionId(long id)
        => SessionIdsAsStrings ? JsonValue.Create(id.ToString("x24", CultureInfo.InvariantCulture)) : JsonValue.Create(id);
}
