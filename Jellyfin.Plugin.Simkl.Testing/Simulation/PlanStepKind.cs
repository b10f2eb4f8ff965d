namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

public enum PlanStepKind
{
    Start,
    Progress,
    Stop,
}
