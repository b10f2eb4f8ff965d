using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>The plugin's release metadata, as build.yaml states it.</summary>
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
    string Changelog);
