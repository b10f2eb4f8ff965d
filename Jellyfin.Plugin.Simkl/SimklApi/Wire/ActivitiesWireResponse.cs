namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>The body of <c>/sync/activities</c> (the shape of Simkl's API Blueprint); timestamps are kept as text.</summary>
internal sealed record ActivitiesWireResponse(string? All, ActivitiesWireList? TvShows, ActivitiesWireList? Anime, ActivitiesWireList? Movies);
