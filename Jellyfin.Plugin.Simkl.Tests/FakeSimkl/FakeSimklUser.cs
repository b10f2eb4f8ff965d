namespace Jellyfin.Plugin.Simkl.Tests.FakeSimkl;

public sealed record FakeSimklUser(long AccountId, string Name, string Token);
