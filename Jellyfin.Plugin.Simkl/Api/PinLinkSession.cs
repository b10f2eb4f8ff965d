using System;
using System.Threading;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>One pending code and its poller.</summary>
internal sealed class PinLinkSession : IDisposable
{
    public PinLinkSession(Guid userId, PinLinkStatus status, TimeSpan interval)
    {
        UserId = userId;
        Status = status;
        Interval = interval;
    }

    public Guid UserId { get; }

    public CancellationTokenSource Stop { get; } = new();

    public TimeSpan Interval { get; set; }

    /// <summary>Gets or sets the latest status; replaced as a whole, so readers never see half an update.</summary>
    public PinLinkStatus Status { get; set; }

    public void Dispose() => Stop.Dispose();
}
