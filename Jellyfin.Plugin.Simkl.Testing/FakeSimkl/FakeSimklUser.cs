namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

public sealed record FakeSimklUser(long AccountId, string Name, string Token);
