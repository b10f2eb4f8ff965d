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

    /// <summary>
    /// Gets the Simkl account the token belongs to (its account id), when known. Simkl's 20-second write lock is per
    /// account, so every token of one account (two Jellyfin users linked to it) shares one write lane; without it the
    /// token is taken as its own account.
    /// </summary>
    public string? AccountKey { get; init; }

    /// <summary>Gets the key of the account's write lane: the account when known, else the token's fingerprint.</summary>
    internal string LaneKey => AccountKey is { Length: > 0 } account ? "account:" + account : "token:" + Fingerprint;

    /// <summary>Two tokens are the same token when their values are; <see cref="AccountKey"/> only describes it.</summary>
    /// <param name="other">The other token.</param>
    /// <returns>Whether both are the same token.</returns>
    public bool Equals(SimklToken? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => $"SimklToken(***{Fingerprint})";

    private static string ComputeFingerprint(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
        return Convert.ToHexStringLower(hash, 0, 4);
    }
}
