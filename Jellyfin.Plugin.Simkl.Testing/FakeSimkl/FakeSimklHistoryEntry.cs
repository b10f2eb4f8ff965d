using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>A watch in a user's Simkl history. Season and Episode are null for a movie; Season is null for flat anime numbering.</summary>
public sealed record FakeSimklHistoryEntry(string UserName, long SimklId, int? Season, int? Episode, DateTimeOffset WatchedAt, string Via);
