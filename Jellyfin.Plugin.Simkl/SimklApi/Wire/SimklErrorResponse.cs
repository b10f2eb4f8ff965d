using System.Text.Json;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>
/// Simkl's error envelope <c>{"error": "&lt;id&gt;", "code": &lt;HTTP status&gt;, "message": "..."}</c>. The live API sends
/// <c>code</c> as a number; older answers put the id there as text. Both are read as raw JSON, so neither shape makes
/// the envelope unreadable. Logic branches on <c>error</c>, never on <c>message</c>.
/// </summary>
internal sealed record SimklErrorResponse(JsonElement? Error, JsonElement? Code, string? Message);
