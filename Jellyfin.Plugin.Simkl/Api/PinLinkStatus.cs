using System;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>A user's PIN link, as the page shows it.</summary>
/// <param name="State">Where the link stands.</param>
/// <param name="UserCode">The code to enter on Simkl's page.</param>
/// <param name="VerificationUrl">Simkl's page for entering the code.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="SimklUserName">The Simkl account, once linked.</param>
/// <param name="Message">What went wrong, in words a person understands.</param>
public sealed record PinLinkStatus(PinLinkState State, string UserCode, Uri VerificationUrl, DateTimeOffset ExpiresAt, string? SimklUserName = null, string? Message = null);
