namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>The result of matching an item to Simkl: the media, or why there is none (and whether that may change soon).</summary>
internal sealed record MediaResolution(SimklMedia? Media, string? Reason = null, bool IsTransient = false);
