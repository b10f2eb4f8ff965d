#nullable disable

namespace MediaBrowser.Controller.Entities.Movies;

public class Movie : Video
{
}
