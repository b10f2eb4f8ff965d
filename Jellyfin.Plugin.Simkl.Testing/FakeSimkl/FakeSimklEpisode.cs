namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>An aired episode of a show in the fake's catalog. Season is null for an anime's flat numbering.</summary>
public sealed record FakeSimklEpisode(int? Season, int Number);
