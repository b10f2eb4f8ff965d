#nullable disable

using System;
using MediaBrowser.Controller.Library;

namespace MediaBrowser.Controller.Session;

public interface ISessionManager
{
    event EventHandler<PlaybackProgressEventArgs> PlaybackStart;

    event EventHandler<PlaybackProgressEventArgs> PlaybackProgress;

    event EventHandler<PlaybackStopEventArgs> PlaybackStopped;
}
