using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// What <c>POST /sync/watched</c> says about one item in a user's lists. An item Simkl does not know is
/// <see cref="SimklOutcome.NotFound"/> instead.
/// </summary>
/// <param name="InList">True when the item is in one of the user's lists (watched or not: see the dates).</param>
/// <param name="List">The list it is in (<c>completed</c>, <c>watching</c>, <c>plantowatch</c>...), when it is in one.</param>
/// <param name="LastWatchedAt">When the user last watched it, when they have.</param>
/// <param name="Episodes">For a show or anime asked with its episodes: each episode Simkl listed.</param>
public sealed record WatchedStatus(bool InList, string? List, DateTimeOffset? LastWatchedAt, IReadOnlyList<WatchedEpisode> Episodes);
