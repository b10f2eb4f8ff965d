using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// A watch in a Simkl account's history. Season and Episode are null for a movie; Season is null for flat anime
/// numbering; both are null with <see cref="Via"/> "history:whole-show" when a bare show was marked and the fake did not
/// know its episodes.
/// </summary>
public sealed record FakeSimklHistoryEntry(string UserName, long SimklId, int? Season, int? Episode, DateTimeOffset WatchedAt, string Via, long AccountId = 0);
