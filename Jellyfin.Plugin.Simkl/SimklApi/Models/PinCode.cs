using System;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// A PIN code to show the user, from <c>GET /oauth/pin</c>, with Simkl's defaults applied where it sent nothing.
/// </summary>
/// <param name="UserCode">The code the user types at <paramref name="VerificationUrl"/>.</param>
/// <param name="VerificationUrl">Where the user enters the code (normally https://simkl.com/pin/).</param>
/// <param name="ExpiresIn">How long the code is valid (Simkl's default: 900 s).</param>
/// <param name="Interval">The shortest wait between two polls (Simkl's default: 5 s).</param>
public sealed record PinCode(string UserCode, Uri VerificationUrl, TimeSpan ExpiresIn, TimeSpan Interval);
