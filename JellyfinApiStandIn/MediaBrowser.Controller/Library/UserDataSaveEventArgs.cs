#nullable disable

using System;
using System.Collections.Generic;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Model.Entities;

namespace MediaBrowser.Controller.Library;

public class UserDataSaveEventArgs : EventArgs
{
    public Guid UserId { get; set; }

    public List<string> Keys { get; set; }

    public UserDataSaveReason SaveReason { get; set; }

    public UserItemData UserData { get; set; }

    public BaseItem Item { get; set; }
}
