using System;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The result of starting the PIN flow for a user.
/// </summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="UserCode">The code the user enters at Simkl, when started.</param>
/// <param name="VerificationUrl">Where the user enters it, when started.</param>
/// <param name="ExpiresAt">When the code runs out, when started.</param>
/// <param name="Message">Why it did not start, in words a person understands.</param>
public sealed record PinStartResult(
    PinStartOutcome Outcome,
    string? UserCode = null,
    Uri? VerificationUrl = null,
    DateTimeOffset? ExpiresAt = null,
    string? Message = null);
