using System;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.Api.Models;

/// <summary>A library the page offers to exclude or to send as anime.</summary>
/// <param name="Id">The library's id.</param>
/// <param name="Name">The library's name.</param>
public sealed record LibraryDto(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name);
