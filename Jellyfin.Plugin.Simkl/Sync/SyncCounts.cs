namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>Running counts of one sync run.</summary>
internal sealed class SyncCounts
{
    public int Sent { get; set; }

    public int Matched { get; set; }

    public int NotFound { get; set; }

    public int MarkedPlayed { get; set; }

    public int Skipped { get; set; }
}
