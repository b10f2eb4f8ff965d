namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>Simkl's error envelope; logic branches on <c>error</c>, never on <c>message</c>.</summary>
internal sealed record SimklErrorResponse(string? Error, string? Code, string? Message);
