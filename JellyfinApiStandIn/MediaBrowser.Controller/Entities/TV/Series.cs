#nullable disable

namespace MediaBrowser.Controller.Entities.TV;

public class Series : Folder
{
}
