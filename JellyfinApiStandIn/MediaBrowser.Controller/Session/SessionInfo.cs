#nullable disable

using System;
using Microsoft.Extensions.Logging;

namespace MediaBrowser.Controller.Session;

public sealed class SessionInfo
{
    public SessionInfo(ISessionManager sessionManager, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sessionManager);
        ArgumentNullException.ThrowIfNull(logger);
    }

    public string Id { get; set; }

    public Guid UserId { get; set; }

    public string UserName { get; set; }

    public string Client { get; set; }

    public string DeviceName { get; set; }

    public string DeviceId { get; set; }
}
