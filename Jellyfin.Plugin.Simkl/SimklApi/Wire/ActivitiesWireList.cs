namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>One kind's block of <c>/sync/activities</c>; only <c>all</c> is needed.</summary>
internal sealed record ActivitiesWireList(string? All);
