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
}
