using System;
using System.Diagnostics.CodeAnalysis;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// The result of a call to Simkl: an outcome, and the value when there is one.
/// </summary>
/// <typeparam name="T">The type of the value of a successful call.</typeparam>
/// <param name="Outcome">What happened.</param>
/// <param name="Value">The parsed body of a successful call; otherwise null.</param>
/// <param name="StatusCode">The HTTP status, when a response arrived.</param>
/// <param name="ErrorCode">Simkl's <c>error</c> value (for example <c>id_err</c>), when it sent one.</param>
/// <param name="Message">A sentence a person understands; never contains a token or a PIN code.</param>
/// <param name="RetryAfter">How long Simkl asked us to wait (429 <c>Retry-After</c>), when it said.</param>
public sealed record SimklResult<T>(
    SimklOutcome Outcome,
    T? Value,
    int? StatusCode = null,
    string? ErrorCode = null,
    string? Message = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>Gets a value indicating whether the call succeeded with a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Outcome == SimklOutcome.Success && Value is not null;

    /// <summary>Gets a value indicating whether Simkl now has what was sent (success, or already recorded).</summary>
    public bool IsDone => Outcome is SimklOutcome.Success or SimklOutcome.AlreadyRecorded;

    /// <summary>Gets a value indicating whether the same request may succeed later (Simkl down, busy or locked).</summary>
    public bool IsTransient => Outcome is SimklOutcome.Unavailable or SimklOutcome.RateLimited or SimklOutcome.UserLocked;
}
