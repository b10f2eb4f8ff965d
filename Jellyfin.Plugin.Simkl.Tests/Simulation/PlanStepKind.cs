namespace Jellyfin.Plugin.Simkl.Tests.Simulation;

public enum PlanStepKind
{
    Start,
    Progress,
    Stop,
}
