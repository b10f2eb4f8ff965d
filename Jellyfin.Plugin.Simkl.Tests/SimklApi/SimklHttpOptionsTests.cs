using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Options that would break Simkl's rules (a third request in a second, a write inside the 20-second lock) are refused at startup with a reason.</summary>
public sealed class SimklHttpOptionsTests
{
    // The options type is internal to the plugin, so xunit's public theories take it as an object.
    public static IEnumerable<object[]> RefusedOptions()
    {
        yield return [new SimklHttpOptions { AttemptTimeout = TimeSpan.Zero }, "AttemptTimeout must be positive."];
        yield return [new SimklHttpOptions { MaxRetries = -1 }, "MaxRetries must be between 0 and 10."];
        yield return [new SimklHttpOptions { MaxRetries = 11 }, "MaxRetries must be between 0 and 10."];
        yield return [new SimklHttpOptions { BurstLimit = 0 }, "BurstLimit must be 1 or 2: Simkl flags 3 requests in one second from one IP."];
        yield return [new SimklHttpOptions { BurstLimit = 3 }, "BurstLimit must be 1 or 2: Simkl flags 3 requests in one second from one IP."];
        yield return [new SimklHttpOptions { BurstWindow = TimeSpan.FromMilliseconds(999) }, "BurstWindow must be at least one second."];
        yield return [new SimklHttpOptions { AccountWriteSpacing = TimeSpan.FromSeconds(19.9) }, "AccountWriteSpacing must be at least 20 seconds (Simkl's per-user lock)."];
        const string Circuit = "The circuit breaker needs a failure ratio in (0, 1], a throughput of at least 2 and a break of at least 1 s.";
        yield return [new SimklHttpOptions { CircuitFailureRatio = 0 }, Circuit];
        yield return [new SimklHttpOptions { CircuitFailureRatio = 1.01 }, Circuit];
        yield return [new SimklHttpOptions { CircuitMinimumThroughput = 1 }, Circuit];
        yield return [new SimklHttpOptions { CircuitBreakDuration = TimeSpan.FromMilliseconds(999) }, Circuit];
    }

    public static IEnumerable<object[]> EdgesThatAreAllowed()
    {
        yield return [new SimklHttpOptions()];
        yield return [new SimklHttpOptions { AttemptTimeout = TimeSpan.FromTicks(1) }];
        yield return [new SimklHttpOptions { MaxRetries = 0 }];
        yield return [new SimklHttpOptions { MaxRetries = 10 }];
        yield return [new SimklHttpOptions { BurstLimit = 1 }];
        yield return [new SimklHttpOptions { BurstLimit = 2 }];
        yield return [new SimklHttpOptions { BurstWindow = TimeSpan.FromSeconds(1) }];
        yield return [new SimklHttpOptions { AccountWriteSpacing = TimeSpan.FromSeconds(20) }];
        yield return [new SimklHttpOptions { CircuitFailureRatio = 1, CircuitMinimumThroughput = 2, CircuitBreakDuration = TimeSpan.FromSeconds(1) }];
        yield return [new SimklHttpOptions { CircuitFailureRatio = 0.01 }];
    }

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public void Options_that_break_simkls_rules_are_refused_with_the_reason(object options, string reason)
        => Assert.Equal([reason], ((SimklHttpOptions)options).Validate());

    [Theory]
    [MemberData(nameof(EdgesThatAreAllowed))]
    public void The_defaults_and_the_edges_of_every_range_are_allowed(object options)
        => Assert.Empty(((SimklHttpOptions)options).Validate());
}
