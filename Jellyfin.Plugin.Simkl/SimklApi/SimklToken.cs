using System;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// A user's Simkl access token. Its text form is redacted, so it can never reach a log line by accident.
/// </summary>
/// <param name="Value">The token itself: sent in the <c>Authorization</c> header and nowhere else.</param>
public sealed record SimklToken(string Value)
{
    /// <summary>Gets a short stable fingerprint that tells accounts apart in logs and queues without revealing the token.</summary>
    public string Fingerprint { get; } = ComputeFingerprint(Value);

    /// <summary>Gets the Simkl account the token belongs to (its <c>account.id</c>), when known.</summary>
    public string? AccountKey { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SimklToken(***{Fingerprint})";

    private static string ComputeFingerprint(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
        return Convert.ToHexStringLower(hash, 0, 4);
    }
}
