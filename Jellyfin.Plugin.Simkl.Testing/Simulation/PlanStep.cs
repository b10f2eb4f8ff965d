using System;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>What a Jellyfin client reports at one second of a playback.</summary>
public sealed record PlanStep(int Second, PlanStepKind Kind, TimeSpan Position, bool Paused, bool IsStateChange);
