#nullable disable

using System;

namespace MediaBrowser.Model.Entities;

public class VirtualFolderInfo
{
    public VirtualFolderInfo()
    {
        Locations = Array.Empty<string>();
    }

    public string Name { get; set; }

    public string[] Locations { get; set; }

    public CollectionTypeOptions? CollectionType { get; set; }

    public string ItemId { get; set; }
}
