using System;
using System.Collections.Generic;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>One played item waiting in an export batch.</summary>
/// <param name="Item">The item.</param>
/// <param name="Media">What Simkl is told (the same mapping as scrobbling).</param>
/// <param name="Episodes">The episode numbers (empty for a movie).</param>
/// <param name="WatchedAt">The last played date.</param>
/// <param name="Keys">Its settled-history keys.</param>
internal sealed record HistoryBatchEntry(TrackedItem Item, SimklMedia Media, IReadOnlyList<int> Episodes, DateTimeOffset WatchedAt, IReadOnlyList<ulong> Keys);
