using System;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Creates <see cref="SimklResult{T}"/> values.
/// </summary>
public static class SimklResult
{
    /// <summary>Creates a successful result.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <returns>The result.</returns>
    public static SimklResult<T> Success<T>(T value, int statusCode = 200) => new(SimklOutcome.Success, value, statusCode);

    /// <summary>Creates a result without a value.</summary>
    /// <typeparam name="T">The type the value would have had.</typeparam>
    /// <param name="outcome">What happened.</param>
    /// <param name="message">A sentence a person understands; never a token or a PIN code.</param>
    /// <param name="statusCode">The HTTP status, when a response arrived.</param>
    /// <param name="errorCode">Simkl's error value.</param>
    /// <param name="retryAfter">How long Simkl asked us to wait.</param>
    /// <returns>The result.</returns>
    public static SimklResult<T> Failure<T>(SimklOutcome outcome, string message, int? statusCode = null, string? errorCode = null, TimeSpan? retryAfter = null)
        => new(outcome, default, statusCode, errorCode, message, retryAfter);
}
