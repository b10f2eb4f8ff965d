using System;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>How a playback that really began ended: where, and whether Simkl had been told it began.</summary>
internal sealed record PlaybackEnd(TimeSpan Position, bool WasAnnounced);
