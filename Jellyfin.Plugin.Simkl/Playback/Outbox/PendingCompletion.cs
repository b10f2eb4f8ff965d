using System;
using System.Collections.Generic;

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
    string? LastError = null);
