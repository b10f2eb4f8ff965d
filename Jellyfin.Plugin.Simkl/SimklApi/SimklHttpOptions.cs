using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Timeouts, retries and pacing of calls to Simkl. The defaults follow Simkl's published rules: fewer than 3 requests
/// per second from one IP (every user of a server shares it) and one write per account every 20 seconds.
/// </summary>
internal sealed record SimklHttpOptions
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets the longest Retry-After the client waits itself (on 429, 5xx and 408 alike); a longer one ends the call and is
    /// handed back to the caller as a retry-later outcome with the hint.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the largest Retry-After hint handed back to a caller; a longer one is reported as this.</summary>
    public TimeSpan MaxRetryAfterHint { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    public int CircuitMinimumThroughput { get; init; } = 4;

    public double CircuitFailureRatio { get; init; } = 0.5;

    /// <summary>Gets the window in which at most <see cref="BurstLimit"/> requests start, server-wide.</summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromMilliseconds(1100);

    public int BurstLimit { get; init; } = 2;

    /// <summary>Gets the spacing of two writes for one Simkl account (Simkl's per-user lock is 20 s).</summary>
    public TimeSpan AccountWriteSpacing { get; init; } = TimeSpan.FromSeconds(20.5);

    /// <summary>Gets the source of randomness for retry jitter; null for Polly's own (tests pin it to check the curve).</summary>
    public Func<double>? JitterSource { get; init; }

    /// <summary>Gets the largest response body read; anything longer is treated as a broken answer.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Lists what is wrong with these options; empty when they are usable.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            problems.Add("AttemptTimeout must be positive.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("MaxRetries must be between 0 and 10.");
        }

        if (BurstLimit is < 1 or > 2)
        {
            problems.Add("BurstLimit must be 1 or 2: Simkl flags 3 requests in one second from one IP.");
        }

        if (BurstWindow < TimeSpan.FromSeconds(1))
        {
            problems.Add("BurstWindow must be at least one second.");
        }

        if (AccountWriteSpacing < TimeSpan.FromSeconds(20))
        {
            problems.Add("AccountWriteSpacing must be at least 20 seconds (Simkl's per-user lock).");
        }

        if (CircuitFailureRatio is <= 0 or > 1 || CircuitMinimumThroughput < 2 || CircuitBreakDuration < TimeSpan.FromSeconds(1))
        {
            problems.Add("The circuit breaker needs a failure ratio in (0, 1], a throughput of at least 2 and a break of at least 1 s.");
        }

        return problems;
    }
}
