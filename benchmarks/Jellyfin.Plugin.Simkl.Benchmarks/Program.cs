using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Jellyfin.Plugin.Simkl.Benchmarks.HotPath;
using Jellyfin.Plugin.Simkl.Testing.Simulation;

// dotnet run -c Release --project benchmarks/Jellyfin.Plugin.Simkl.Benchmarks [--quick] [--only hotpath|budget|scale|memory|soak|sync|crash]
// --quick runs reduced simulations only (the test suite runs the same); the full run also measures the hot path with
// BenchmarkDotNet and kills the plugin 200 times in the crash test, and takes several minutes.
var quick = args.Contains("--quick");
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].ToLowerInvariant() : null;
var known = SimulationRunner.Parts.Append("hotpath").ToArray();
if (only is not null && !known.Contains(only))
{
    Console.Error.WriteLine($"Unknown part '{only}'. Choose one of: {string.Join(", ", known)}.");
    return 2;
}

if (!quick && (only is null || only == "hotpath"))
{
    // In process: a separate benchmark process would first rebuild the whole solution (the simulations live in the
    // test project), which takes longer than BenchmarkDotNet's build timeout on a small machine.
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkRunner.Run([typeof(ProgressEventBenchmarks), typeof(ItemMappingBenchmarks)], config);
}

if (only != "hotpath")
{
    Console.WriteLine(quick ? "Simulations (quick mode)" : "Simulations (full run)");
    Console.WriteLine();
    var figures = await SimulationRunner.RunAsync(quick, Console.Out, only);
    Console.WriteLine($"Correctness: completions expected {figures.CompletionsExpected}, recorded {figures.CompletionsRecorded}, lost {figures.Lost}, recorded twice {figures.RecordedTwice}, recorded without a watch {figures.RecordedWithoutWatch}; most requests in one second {figures.MaxRequestsInAnySecond}; smallest account write gap {figures.SmallestAccountWriteGap?.TotalSeconds:0.0} s.");
    foreach (var burst in figures.BurstsOverLimit)
    {
        Console.WriteLine("Busiest second over the limit, " + burst);
    }

    if (only is null or "sync")
    {
        Console.WriteLine($"History sync: all-items reads breaking Simkl's rule {figures.SyncViolations}; writes in a second export {figures.SyncResent}.");
    }

    return figures.Lost == 0 && figures.RecordedTwice == 0 && figures.RecordedWithoutWatch == 0 && figures.MaxRequestsInAnySecond < 3 && figures.SyncViolations == 0 && figures.SyncResent == 0 ? 0 : 1;
}

return 0;
