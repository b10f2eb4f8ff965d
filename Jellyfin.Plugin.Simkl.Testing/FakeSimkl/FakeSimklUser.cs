namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// One access token of a Simkl account. Several tokens can belong to one account (<see cref="FakeSimklServer.AddToken"/>,
/// two Jellyfin users linked to the same Simkl account): they share its name, its history and its 20-second lock.
/// </summary>
public sealed record FakeSimklUser(long AccountId, string Name, string Token);
