using System;
using System.Collections.Generic;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Model.Entities;

namespace MediaBrowser.Controller.Library;

public interface ILibraryManager
{
    BaseItem? GetItemById(Guid id);

    List<Folder> GetCollectionFolders(BaseItem item);

    List<VirtualFolderInfo> GetVirtualFolders();

    IReadOnlyList<BaseItem> GetItemList(InternalItemsQuery query);

    IReadOnlyList<Guid> GetItemIds(InternalItemsQuery query);

    int GetCount(InternalItemsQuery query);
}
