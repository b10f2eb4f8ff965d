namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

internal sealed record PinCodeResponse(string? Result, string? UserCode, string? VerificationUrl, int? ExpiresIn, int? Interval);
