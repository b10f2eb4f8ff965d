namespace MediaBrowser.Model.Entities;

public enum UserDataSaveReason
{
    PlaybackStart = 1,
    PlaybackProgress = 2,
    PlaybackFinished = 3,
    TogglePlayed = 4,
    UpdateUserRating = 5,
    Import = 6,
    UpdateUserData = 7,
}
