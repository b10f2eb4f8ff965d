using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// One PIN code being waited on: its own cancellation, polling interval and state.
/// </summary>
internal sealed class PinFlow : IDisposable
{
    /// <summary>The shortest wait between two polls of one code.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private volatile PinFlowStatus _status;

    /// <summary>Initializes a new instance of the <see cref="PinFlow"/> class.</summary>
    /// <param name="userId">The Jellyfin user being linked.</param>
    /// <param name="code">Simkl's code.</param>
    /// <param name="expiresAt">When the code runs out.</param>
    /// <param name="stopping">Cancelled when the server stops.</param>
    public PinFlow(Guid userId, PinCode code, DateTimeOffset expiresAt, CancellationToken stopping)
    {
        UserId = userId;
        UserCode = code.UserCode;
        ExpiresAt = expiresAt;

        // Never poll in a tight loop, whatever interval arrived: Simkl's burst detector would flag the server.
        Interval = code.Interval >= MinimumInterval ? code.Interval : MinimumInterval;
        Cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _status = new PinFlowStatus(PinFlowState.Pending, expiresAt);
    }

    /// <summary>Gets the Jellyfin user being linked.</summary>
    public Guid UserId { get; }

    /// <summary>Gets the code (never logged, never sent to a browser after the start).</summary>
    public string UserCode { get; }

    /// <summary>Gets when the code runs out.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets or sets the wait between two polls: Simkl's interval, longer after "slow down".</summary>
    public TimeSpan Interval { get; set; }

    /// <summary>Gets the cancellation of this flow: replaced by a new code, unlinked, or the server stopping.</summary>
    public CancellationTokenSource Cancellation { get; }

    /// <summary>Gets or sets the polling loop.</summary>
    public Task Polling { get; set; } = Task.CompletedTask;

    /// <summary>Gets or sets the current state.</summary>
    public PinFlowStatus Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>Stops the polling.</summary>
    public void Cancel()
    {
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and disposed.
        }
    }

    /// <inheritdoc />
    public void Dispose() => Cancellation.Dispose();
}
