using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>The activity file: every user's recent entries, newest first.</summary>
internal sealed record StoredActivity(int Version, IReadOnlyList<ActivityEntry> Entries);
