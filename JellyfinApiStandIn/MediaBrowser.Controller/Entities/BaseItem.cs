#nullable disable

using System;
using System.Collections.Generic;
using MediaBrowser.Model.Entities;

namespace MediaBrowser.Controller.Entities;

public abstract class BaseItem : IHasProviderIds
{
    protected BaseItem()
    {
        ProviderIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    public virtual string Name { get; set; }

    public ExtraType? ExtraType { get; set; }

    public string OriginalTitle { get; set; }

    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public Guid ChannelId { get; set; }

    public bool IsVirtualItem { get; set; }

    public virtual string Path { get; set; }

    public virtual SourceType SourceType => ChannelId == Guid.Empty ? SourceType.Library : SourceType.Channel;

    public virtual bool IsFolder => false;

    public Guid ParentId { get; set; }

    public DateTime? PremiereDate { get; set; }

    public long? RunTimeTicks { get; set; }

    public int? ProductionYear { get; set; }

    public int? IndexNumber { get; set; }

    public int? ParentIndexNumber { get; set; }

    public Dictionary<string, string> ProviderIds { get; set; }
}
