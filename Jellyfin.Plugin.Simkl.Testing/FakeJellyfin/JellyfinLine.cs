namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>The server line a fake Jellyfin behaves like; the plugin's one build must work on both.</summary>
public enum JellyfinLine
{
    /// <summary>10.11: clears Played when a resumable item starts; queries return every version; mixing "any value" and key:value provider filters ANDs them; hidden items are dropped after paging.</summary>
    Jellyfin1011,

    /// <summary>12.0: keeps Played at start; a finished or toggled version marks every other version (TogglePlayed each); queries leave alternate versions out; mixed provider filters OR.</summary>
    Jellyfin12,
}
