using System.Text.Json;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>The session id comes as a number in one document and a string in another, so it is read as either.</summary>
internal sealed record ScrobbleWireResponse(JsonElement? Id, string? Action, double? Progress);
