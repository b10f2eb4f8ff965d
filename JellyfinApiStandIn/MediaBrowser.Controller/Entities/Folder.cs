#nullable disable

namespace MediaBrowser.Controller.Entities;

public class Folder : BaseItem
{
    public override bool IsFolder => true;
}
