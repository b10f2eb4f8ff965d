#nullable disable

namespace MediaBrowser.Controller.Entities;

public class Video : BaseItem
{
}
