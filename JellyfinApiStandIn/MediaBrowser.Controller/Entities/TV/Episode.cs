#nullable disable

using System;

namespace MediaBrowser.Controller.Entities.TV;

public class Episode : Video
{
    public int? IndexNumberEnd { get; set; }

    // On the server a missing episode is one with no file (a virtual location).
    public bool IsMissingEpisode => string.IsNullOrEmpty(Path) && ChannelId == Guid.Empty;

    public string SeriesName { get; set; }

    public Guid SeasonId { get; set; }

    public Guid SeriesId { get; set; }
}
