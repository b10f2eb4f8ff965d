using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>A write Simkl refused because the account had written less than 20 seconds before: what, when, whose.</summary>
public sealed record FakeSimklLockRefusal(string UserName, long AccountId, string Path, DateTimeOffset At, DateTimeOffset PreviousWriteAt);
