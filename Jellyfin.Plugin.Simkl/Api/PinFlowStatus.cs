using System;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// A user's PIN flow as the page sees it. Never holds the token; the code itself is handed out only once, when the
/// flow starts.
/// </summary>
/// <param name="State">Where the flow stands.</param>
/// <param name="ExpiresAt">When the code runs out.</param>
/// <param name="SimklUserName">The linked Simkl account's name, once linked (when Simkl told it).</param>
/// <param name="Message">What went wrong, or why the wait is longer, in words a person understands.</param>
public sealed record PinFlowStatus(PinFlowState State, DateTimeOffset ExpiresAt, string? SimklUserName = null, string? Message = null);
