using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.Accounts;

namespace Jellyfin.Plugin.Simkl.Playback.Outbox;

/// <summary>
/// A finished watch that Simkl has not confirmed yet. <see cref="Id"/> is derived from who watched what and when, so the
/// same watch can never be queued twice; <see cref="Episodes"/> lists the episodes still to record (empty for a movie).
/// </summary>
internal sealed record PendingCompletion(
    string Id,
    Guid UserId,
    string ItemName,
    SimklMedia Media,
    IReadOnlyList<int> Episodes,
    DateTimeOffset WatchedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    int Attempts = 0,
    string? LastError = null)
{
    /// <summary>
    /// Gets a value indicating whether a send of this watch may have reached Simkl (written before any send starts).
    /// Such a watch is never sent again blindly: Simkl is asked first whether it already has it.
    /// </summary>
    public bool MayHaveReachedSimkl { get; init; }

    /// <summary>Gets the Simkl account that watched it (<c>account.id</c>), when known.</summary>
    public long? SimklAccountId { get; init; }

    /// <summary>Gets the fingerprint of the token the user was linked with when they watched it.</summary>
    public string? TokenFingerprint { get; init; }

    /// <summary>Gets why it will not be sent again (Simkl refused it); it stays visible until it expires.</summary>
    public string? DeadLetter { get; init; }

    /// <summary>Gets why it waits: the user is now linked to another Simkl account. Sent if its own account returns.</summary>
    public string? HeldBecause { get; init; }

    /// <summary>Answers whether this watch may be sent with the user's current link: only to the account that watched it.</summary>
    public bool BelongsTo(SimklAccountLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (SimklAccountId is null && TokenFingerprint is null)
        {
            // Written before watches were bound to an account: it goes to whoever the user is linked to.
            return true;
        }

        if (SimklAccountId is { } watchedBy && link.SimklAccountId is { } linkedTo)
        {
            return watchedBy == linkedTo;
        }

        return string.Equals(TokenFingerprint, link.Token.Fingerprint, StringComparison.Ordinal);
    }
}
