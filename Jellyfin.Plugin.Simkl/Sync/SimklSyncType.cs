namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>The three kinds Simkl keeps a history of, as <c>/sync/all-items/{type}</c> names them.</summary>
internal enum SimklSyncType
{
    /// <summary><c>movies</c>.</summary>
    Movies = 0,

    /// <summary><c>shows</c>.</summary>
    Shows,

    /// <summary><c>anime</c>.</summary>
    Anime,
}
