using System;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// One thing the tracker did (or decided not to do) for a user.
/// </summary>
/// <param name="UserId">The Jellyfin user.</param>
/// <param name="Time">When it happened.</param>
/// <param name="ItemName">What was playing, as a person reads it ("Show S01E02", "Movie (2010)").</param>
/// <param name="Action">What the tracker did.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why, in words, for anything but plain success (never a token).</param>
public sealed record ActivityEntry(
    Guid UserId,
    DateTimeOffset Time,
    string ItemName,
    ActivityAction Action,
    ActivityOutcome Outcome,
    string? Reason = null);
