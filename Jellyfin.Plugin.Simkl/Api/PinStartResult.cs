using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>The outcome of asking Simkl for a new PIN code.</summary>
/// <param name="Status">The new link, when Simkl gave a code.</param>
/// <param name="Failure">Why there is none.</param>
/// <param name="Message">What went wrong, in words a person understands.</param>
public sealed record PinStartResult(PinLinkStatus? Status, SimklOutcome? Failure = null, string? Message = null);
