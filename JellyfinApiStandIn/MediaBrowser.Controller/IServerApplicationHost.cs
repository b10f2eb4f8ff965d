#nullable disable

using MediaBrowser.Common;

namespace MediaBrowser.Controller;

public interface IServerApplicationHost : IApplicationHost
{
    string FriendlyName { get; }
}
