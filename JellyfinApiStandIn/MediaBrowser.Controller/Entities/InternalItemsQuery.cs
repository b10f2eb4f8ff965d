using System;
using System.Collections.Generic;
using Jellyfin.Data.Enums;
using Jellyfin.Database.Implementations.Entities;

namespace MediaBrowser.Controller.Entities;

// Only the members the plugin uses, each declared identically in 10.11.0, 10.11.11 and 12.0. On the server the
// constructor taking a user also copies the user's parental and tag restrictions into the query.
public class InternalItemsQuery
{
    public InternalItemsQuery()
    {
        IncludeItemTypes = Array.Empty<BaseItemKind>();
        ItemIds = Array.Empty<Guid>();
        EnableTotalRecordCount = true;
    }

    public InternalItemsQuery(User? user)
        : this()
    {
        User = user;
    }

    public bool Recursive { get; set; }

    public int? StartIndex { get; set; }

    public int? Limit { get; set; }

    public User? User { get; set; }

    public bool? IsPlayed { get; set; }

    public BaseItemKind[] IncludeItemTypes { get; set; }

    public Guid[] ItemIds { get; set; }

    public bool? IsVirtualItem { get; set; }

    public Guid ParentId { get; set; }

    public bool EnableTotalRecordCount { get; set; }

    public Dictionary<string, string>? HasAnyProviderId { get; set; }
}
