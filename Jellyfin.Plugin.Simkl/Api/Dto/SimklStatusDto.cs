using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// What the page needs before it shows any user: whether Simkl can be asked at all, and the libraries.
/// </summary>
/// <param name="ClientIdSet">Whether a Simkl client id is in effect (configured, or built into the release).</param>
/// <param name="ClientIdBuiltIn">Whether the id in effect is the one built into the release.</param>
/// <param name="Libraries">The server's libraries.</param>
/// <param name="Version">The plugin's version.</param>
public sealed record SimklStatusDto(
    [property: JsonPropertyName("clientIdSet")] bool ClientIdSet,
    [property: JsonPropertyName("clientIdBuiltIn")] bool ClientIdBuiltIn,
    [property: JsonPropertyName("libraries")] IReadOnlyList<LibraryDto> Libraries,
    [property: JsonPropertyName("version")] string Version);
