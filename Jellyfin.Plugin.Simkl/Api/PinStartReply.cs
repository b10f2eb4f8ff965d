using Jellyfin.Plugin.Simkl.Api.Models;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>The answer to "start linking": the code to show, or the problem to report and its HTTP status.</summary>
/// <param name="Code">The code, when Simkl gave one.</param>
/// <param name="StatusCode">The HTTP status of the problem (0 with a code).</param>
/// <param name="Title">The problem's title.</param>
/// <param name="Detail">The problem in a sentence.</param>
public sealed record PinStartReply(PinCodeDto? Code, int StatusCode = 0, string? Title = null, string? Detail = null);
