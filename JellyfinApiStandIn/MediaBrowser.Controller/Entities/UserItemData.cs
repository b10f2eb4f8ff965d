using System;

namespace MediaBrowser.Controller.Entities;

public class UserItemData
{
    public required string Key { get; set; }

    public long PlaybackPositionTicks { get; set; }

    public int PlayCount { get; set; }

    public bool IsFavorite { get; set; }

    public DateTime? LastPlayedDate { get; set; }

    public bool Played { get; set; }
}
