namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>Every shape Simkl's documents give for a poll: <c>result</c> KO/OK, RFC 8628 <c>error</c>, or a fresh code.</summary>
internal sealed record PinPollResponse(string? Result, string? Message, string? AccessToken, string? Error, string? UserCode);
