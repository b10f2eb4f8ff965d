using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// What <c>/sync/activities</c> said: the last change of the user's lists, overall and per kind. A value is null when
/// Simkl sent none (a user who never touched that kind). Kept as Simkl's own text, so comparing with the saved copy
/// never depends on parsing.
/// </summary>
/// <param name="All">The latest change of anything.</param>
/// <param name="Movies">The latest change of the movie lists (<c>movies.all</c>).</param>
/// <param name="Shows">The latest change of the TV lists (<c>tv_shows.all</c>).</param>
/// <param name="Anime">The latest change of the anime lists (<c>anime.all</c>).</param>
internal sealed record SimklActivities(string? All, string? Movies, string? Shows, string? Anime)
{
    /// <summary>Gets the timestamp of one kind (null: that kind's lists have never changed).</summary>
    /// <param name="type">The kind.</param>
    /// <returns>The timestamp text, or null.</returns>
    public string? Of(SimklSyncType type) => type == SimklSyncType.Movies ? Movies : type == SimklSyncType.Shows ? Shows : Anime;

    /// <summary>Parses one of Simkl's timestamps.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The time, or null when the text is not a date.</returns>
    public static DateTimeOffset? Parse(string? text)
        => DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
