namespace MediaBrowser.Controller.Entities;

public enum SourceType
{
    Library = 0,
    Channel = 1,
    LiveTV = 2,
}
