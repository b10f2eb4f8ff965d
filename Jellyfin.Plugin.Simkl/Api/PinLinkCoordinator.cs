using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Runs Simkl's PIN flow on the server: asks Simkl for a code, then polls it, one poller per code, at the interval
/// Simkl gave (longer whenever Simkl says "slow down"), until the user enters it or the code expires. The browser
/// only ever polls this server, and never sees a token.
/// </summary>
public sealed partial class PinLinkCoordinator : IDisposable
{
    /// <summary>How much longer to wait after Simkl says "slow down" (the device-flow convention).</summary>
    public static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    private const string UnreachableMessage = "Simkl could not be reached. Check that the server is online, then try again.";

    private readonly ISimklClient _client;
    private readonly ISimklConnectionSettings _settings;
    private readonly ISimklAccountStore _accounts;
    private readonly TimeProvider _time;
    private readonly ILogger<PinLinkCoordinator> _logger;
    private readonly Dictionary<Guid, PinFlow> _flows = [];
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Initializes a new instance of the <see cref="PinLinkCoordinator"/> class.</summary>
    /// <param name="client">The Simkl client.</param>
    /// <param name="settings">Which Simkl app the server is.</param>
    /// <param name="accounts">Where links are kept.</param>
    /// <param name="time">The clock that paces polling and expiry.</param>
    /// <param name="logger">The logger.</param>
    public PinLinkCoordinator(ISimklClient client, ISimklConnectionSettings settings, ISimklAccountStore accounts, TimeProvider time, ILogger<PinLinkCoordinator> logger)
    {
        _client = client;
        _settings = settings;
        _accounts = accounts;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Asks Simkl for a new code for a user and starts waiting for it; a code still pending for that user is
    /// dropped (its poller stops) once the new one is there.
    /// </summary>
    /// <param name="userId">The Jellyfin user to link.</param>
    /// <param name="cancellationToken">Cancels the request to Simkl.</param>
    /// <returns>The code to show, or why there is none.</returns>
    public async Task<PinStartResult> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_settings.ClientId))
        {
            return new PinStartResult(
                PinStartOutcome.NoClientId,
                Message: "No Simkl client id is set. Create an app at https://simkl.com/settings/developer/, paste its client id in the settings on this page, save, and try again.");
        }

        var result = await _client.RequestPinCodeAsync(cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            LogStartFailed(_logger, userId, result.Outcome);
            return result.Outcome switch
            {
                SimklOutcome.Unavailable => new PinStartResult(PinStartOutcome.Unreachable, Message: UnreachableMessage),
                SimklOutcome.RateLimited or SimklOutcome.UserLocked => new PinStartResult(PinStartOutcome.Unreachable, Message: "Simkl is busy right now. Wait a minute, then try again."),
                SimklOutcome.InvalidClient => new PinStartResult(PinStartOutcome.Refused, Message: "Simkl did not accept the client id. Check the client id in the settings on this page."),
                SimklOutcome.Forbidden => new PinStartResult(PinStartOutcome.Refused, Message: "Simkl refused this app: it may not be approved yet, or has reached its limits."),
                _ => new PinStartResult(PinStartOutcome.Refused, Message: "Simkl answered unexpectedly: " + (result.Message ?? result.Outcome.ToString())),
            };
        }

        var code = result.Value;
        var expiresAt = _time.GetUtcNow() + code.ExpiresIn;
        var flow = new PinFlow(userId, code, expiresAt, _stopping.Token);
        flow.Polling = Task.Run(() => PollAsync(flow), CancellationToken.None);
        PinFlow? replaced;
        lock (_sync)
        {
            _flows.Remove(userId, out replaced);
            _flows[userId] = flow;
        }

        replaced?.Cancel();
        LogStarted(_logger, userId, expiresAt, code.Interval);
        return new PinStartResult(PinStartOutcome.Started, code.UserCode, code.VerificationUrl, expiresAt);
    }

    /// <summary>Gets the state of the latest PIN flow of a user.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The state, or null when no flow was started since the server started (or since the user was unlinked).</returns>
    public PinFlowStatus? GetStatus(Guid userId)
    {
        lock (_sync)
        {
            return _flows.TryGetValue(userId, out var flow) ? flow.Status : null;
        }
    }

    /// <summary>Stops and forgets a user's flow (when the user is unlinked).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    public void Forget(Guid userId)
    {
        PinFlow? flow;
        lock (_sync)
        {
            _flows.Remove(userId, out flow);
        }

        flow?.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Each poller disposes its own flow as it stops.
        _stopping.Cancel();
        lock (_sync)
        {
            _flows.Clear();
        }

        _stopping.Dispose();
    }

    /// <summary>Waits for the poller of a user's current flow to stop (for tests and orderly shutdown).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The poller's task.</returns>
    internal Task WhenStopped(Guid userId)
    {
        lock (_sync)
        {
            return _flows.TryGetValue(userId, out var flow) ? flow.Polling : Task.CompletedTask;
        }
    }

    private async Task PollAsync(PinFlow flow)
    {
        var cancellationToken = flow.Cancellation.Token;
        try
        {
            while (true)
            {
                var left = flow.ExpiresAt - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(flow.Interval < left ? flow.Interval : left, _time, cancellationToken).ConfigureAwait(false);
                if (_time.GetUtcNow() >= flow.ExpiresAt)
                {
                    break;
                }

                if (await PollOnceAsync(flow, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            flow.Status = new PinFlowStatus(PinFlowState.Expired, flow.ExpiresAt, Message: "The code expired before it was entered. Start again to get a new code.");
            LogExpired(_logger, flow.UserId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Replaced by a newer code, unlinked, or the server is stopping.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            flow.Status = new PinFlowStatus(PinFlowState.Failed, flow.ExpiresAt, Message: "The link could not be saved on the server. The server log says why.");
            LogSaveFailed(_logger, exception, flow.UserId);
        }
        finally
        {
            flow.Dispose();
        }
    }

    /// <summary>Polls the code once and acts on the answer.</summary>
    /// <returns>True when the flow is over.</returns>
    private async Task<bool> PollOnceAsync(PinFlow flow, CancellationToken cancellationToken)
    {
        var result = await _client.PollPinCodeAsync(flow.UserCode, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            if (result.IsTransient)
            {
                // Keep trying until the code expires; the page says why it takes longer.
                if (result.RetryAfter is { } retryAfter && retryAfter > flow.Interval)
                {
                    flow.Interval = retryAfter;
                }

                flow.Status = new PinFlowStatus(PinFlowState.Pending, flow.ExpiresAt, Message: "Simkl is not answering right now; still trying until the code expires.");
                return false;
            }

            var message = result.Outcome == SimklOutcome.InvalidClient
                ? "Simkl did not accept the client id. Check the client id in the settings on this page."
                : "Simkl refused the code check: " + (result.Message ?? result.Outcome.ToString());
            flow.Status = new PinFlowStatus(PinFlowState.Failed, flow.ExpiresAt, Message: message);
            LogPollFailed(_logger, flow.UserId, result.Outcome);
            return true;
        }

        switch (result.Value.Status)
        {
            case PinPollStatus.Pending:
                flow.Status = new PinFlowStatus(PinFlowState.Pending, flow.ExpiresAt);
                return false;
            case PinPollStatus.SlowDown:
                flow.Interval += SlowDownStep;
                LogSlowDown(_logger, flow.UserId, flow.Interval);
                return false;
            case PinPollStatus.Approved when result.Value.Token is { } token:
                var profile = await _client.GetUserProfileAsync(token, cancellationToken).ConfigureAwait(false);
                var name = profile.IsSuccess ? profile.Value.Name : null;
                await _accounts.LinkAsync(flow.UserId, token, name, cancellationToken).ConfigureAwait(false);
                flow.Status = new PinFlowStatus(PinFlowState.Linked, flow.ExpiresAt, SimklUserName: name);
                return true;
            case PinPollStatus.Denied:
                flow.Status = new PinFlowStatus(PinFlowState.Failed, flow.ExpiresAt, Message: "Access was refused on Simkl. Start again if that was a mistake.");
                return true;
            default:
                // Gone: Simkl no longer knows the code (it ran out on Simkl's side).
                flow.Status = new PinFlowStatus(PinFlowState.Expired, flow.ExpiresAt, Message: "The code expired before it was entered. Start again to get a new code.");
                LogExpired(_logger, flow.UserId);
                return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl PIN flow started for user {UserId}: the code expires at {ExpiresAt}, polled every {Interval}")]
    private static partial void LogStarted(ILogger logger, Guid userId, DateTimeOffset expiresAt, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl PIN flow could not start for user {UserId}: {Outcome}")]
    private static partial void LogStartFailed(ILogger logger, Guid userId, SimklOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl asked to poll the PIN code of user {UserId} more slowly: now every {Interval}")]
    private static partial void LogSlowDown(ILogger logger, Guid userId, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Simkl PIN code of user {UserId} expired before it was entered")]
    private static partial void LogExpired(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simkl refused to check the PIN code of user {UserId}: {Outcome}")]
    private static partial void LogPollFailed(ILogger logger, Guid userId, SimklOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Simkl link of user {UserId} could not be saved")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, Guid userId);
}
