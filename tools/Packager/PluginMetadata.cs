using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>
/// The plugin's release metadata, as build.yaml states it; <see cref="Image"/> is the thumbnail's full path, and
/// <see cref="ImageUrl"/> its catalog address (a file name relative to the catalog's base URL, or absolute).
/// </summary>
public sealed record PluginMetadata(
    string Name,
    string PluginGuid,
    string Version,
    string TargetAbi,
    string Framework,
    string Owner,
    string Overview,
    string Description,
    string Category,
    IReadOnlyList<string> Artifacts,
    string Changelog,
    string Image,
    string ImageUrl);
