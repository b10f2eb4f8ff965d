namespace Jellyfin.Plugin.Simkl.Tests.Benchmarks;

/// <summary>
/// Tests that measure the whole process's managed heap run alone, after the others: a test class running beside them
/// in the same process would add its own allocations to the figure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "Measured alone";
}
