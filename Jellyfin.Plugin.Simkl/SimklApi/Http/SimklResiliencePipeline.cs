using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// Retries with exponential backoff and jitter around a circuit breaker, built once per server: the breaker's state must
/// outlive the HTTP handlers, which the client factory recycles every few minutes.
/// </summary>
/// <remarks>
/// The retry sits outside the breaker so that, while Simkl is down, each retry meets the open circuit and fails at once
/// instead of sending a request: the outage costs one probe per break, not one request per playback.
/// </remarks>
internal sealed partial class SimklResiliencePipeline
{
    private readonly ILogger<SimklResiliencePipeline> _logger;
    private readonly SimklHttpOptions _options;

    public SimklResiliencePipeline(TimeProvider time, SimklHttpOptions options, ILogger<SimklResiliencePipeline> logger)
    {
        _logger = logger;
        _options = options;
        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            Delay = options.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult(SimklRetryAfter.Read(args.Outcome.Result)),
            OnRetry = args =>
            {
                LogRetry(_logger, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        };
        if (options.JitterSource is { } jitter)
        {
            retry.Randomizer = jitter;
        }

        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(retry)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome)),
                OnOpened = args =>
                {
                    LogCircuitOpened(_logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(_logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Answers, from a response, whether Simkl is having an outage (rather than rejecting one request).</summary>
    internal static bool IsOutage(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout),
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is BrokenCircuitException)
        {
            return false;
        }

        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited)
        {
            return WaitableHere(limited);
        }

        // A 5xx or 408 may carry a Retry-After too: only a short one is waited out inside the call; a long one goes
        // back to the caller as Unavailable with the hint, so no call ever sleeps for hours.
        return IsOutage(outcome) && (outcome.Result is null || WaitableHere(outcome.Result));
    }

    /// <summary>A short Retry-After is waited out here; a long one goes back to the caller, which keeps the work for later.</summary>
    private bool WaitableHere(HttpResponseMessage response)
        => SimklRetryAfter.Read(response) is not { } retryAfter || retryAfter <= _options.MaxRetryAfter;

    private static string Describe(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception is { } exception
            ? exception.GetType().Name + ": " + SimklLogRedactor.Redact(exception.Message)
            : "HTTP " + (int)(outcome.Result?.StatusCode ?? 0);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simkl call failed ({Failure}); attempt {Attempt} in {DelaySeconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, int attempt, string failure, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl looks unavailable ({Failure}); pausing calls for {BreakSeconds:0} s, then trying one")]
    private static partial void LogCircuitOpened(ILogger logger, double breakSeconds, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl answers again; calls resume")]
    private static partial void LogCircuitClosed(ILogger logger);
}
