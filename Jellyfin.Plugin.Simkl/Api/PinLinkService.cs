using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Runs Simkl's PIN flow on the server: one poller per pending code, at the interval Simkl gives (longer when it says
/// "slow down" or fails), until the code is confirmed, refused or expired. Codes and tokens are never logged.
/// </summary>
internal sealed partial class PinLinkService : IPinLinkService, IDisposable
{
    private static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, PinLinkSession> _sessions = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _starting = new();
    private readonly ISimklClient _client;
    private readonly ISimklAccountStore _accounts;
    private readonly TimeProvider _time;
    private readonly ILogger<PinLinkService> _logger;

    public PinLinkService(ISimklClient client, ISimklAccountStore accounts, TimeProvider time, ILogger<PinLinkService> logger)
    {
        _client = client;
        _accounts = accounts;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the task of the latest poller started (tests wait on it).</summary>
    internal Task LatestPoller { get; private set; } = Task.CompletedTask;

    public async Task<PinStartResult> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        // One start at a time per user (a double click sends two): the later one always replaces the earlier one, so
        // exactly one poller is left, and it polls the code the last answer showed.
        var starting = _starting.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Cancel(userId);
            var result = await _client.RequestPinCodeAsync(cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return new PinStartResult(null, result.Outcome, Explain(result.Outcome, result.Message));
            }

            var code = result.Value;
            var status = new PinLinkStatus(PinLinkState.Pending, code.UserCode, code.VerificationUrl, _time.GetUtcNow() + code.ExpiresIn);
            var session = new PinLinkSession(userId, status, code.Interval);
            _sessions.AddOrUpdate(
                userId,
                session,
                (_, replaced) =>
                {
                    replaced.Stop.Cancel();
                    return session;
                });
            LatestPoller = PollAsync(session);
            LogStarted(_logger, userId, code.ExpiresIn.TotalMinutes);
            return new PinStartResult(status);
        }
        finally
        {
            starting.Release();
        }
    }

    public PinLinkStatus? Find(Guid userId) => _sessions.TryGetValue(userId, out var session) ? session.Status : null;

    public void Cancel(Guid userId)
    {
        if (_sessions.TryRemove(userId, out var session))
        {
            session.Stop.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Stop.Cancel();
        }

        foreach (var starting in _starting.Values)
        {
            starting.Dispose();
        }
    }

    private static string Explain(SimklOutcome outcome, string? message) => outcome switch
    {
        SimklOutcome.InvalidClient => message ?? "Simkl rejected the plugin's client id.",
        SimklOutcome.Unavailable or SimklOutcome.RateLimited => "Simkl cannot be reached right now. Try again in a few minutes.",
        _ => message ?? "Simkl refused to start linking.",
    };

    private async Task PollAsync(PinLinkSession session)
    {
        var token = session.Stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(session.Interval, _time, token).ConfigureAwait(false);
                if (_time.GetUtcNow() >= session.Status.ExpiresAt)
                {
                    Finish(session, PinLinkState.Expired, "The code expired before it was entered on Simkl. Start again for a new code.");
                    return;
                }

                var poll = await _client.PollPinCodeAsync(session.Status.UserCode, token).ConfigureAwait(false);
                if (await HandlePollAsync(session, poll, token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Replaced by a new code, unlinked, or the server is stopping.
        }
        catch (Exception ex)
        {
            Finish(session, PinLinkState.Failed, "Linking stopped because of an unexpected error; see the server log.");
            LogPollerCrashed(_logger, ex, session.UserId);
        }
    }

    /// <returns>True when the flow is over.</returns>
    private async Task<bool> HandlePollAsync(PinLinkSession session, SimklResult<PinPollResult> poll, CancellationToken token)
    {
        if (!poll.IsSuccess)
        {
            if (poll.Outcome is SimklOutcome.InvalidClient or SimklOutcome.Forbidden or SimklOutcome.BadRequest)
            {
                Finish(session, PinLinkState.Failed, Explain(poll.Outcome, poll.Message));
                return true;
            }

            // Simkl unreachable for now: keep the code alive and ask less often, until it expires.
            session.Interval = Min(session.Interval * 2, LongestInterval);
            session.Status = session.Status with { Message = "Simkl cannot be reached right now; still trying until the code expires." };
            return false;
        }

        switch (poll.Value.Status)
        {
            case PinPollStatus.Pending:
                session.Status = session.Status with { Message = null };
                return false;
            case PinPollStatus.SlowDown:
                session.Interval = Min(session.Interval + SlowDownStep, LongestInterval);
                return false;
            case PinPollStatus.Approved when poll.Value.Token is { } simklToken:
                var profile = await _client.GetUserProfileAsync(simklToken, token).ConfigureAwait(false);
                var name = profile.IsSuccess ? profile.Value.Name : null;

                // The account id binds the user's pending watches to this Simkl account (never sent to another one).
                var accountId = profile.IsSuccess ? profile.Value.AccountId : null;
                await _accounts.LinkAsync(session.UserId, simklToken, name, accountId, CancellationToken.None).ConfigureAwait(false);
                Finish(session, PinLinkState.Linked, null, name);
                LogLinked(_logger, session.UserId, name ?? "(name unknown)");
                return true;
            case PinPollStatus.Denied:
                Finish(session, PinLinkState.Failed, "The Simkl user declined the link.");
                return true;
            default:
                Finish(session, PinLinkState.Expired, "The code expired or was replaced on Simkl. Start again for a new code.");
                return true;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Finish(PinLinkSession session, PinLinkState state, string? message, string? simklUserName = null)
        => session.Status = session.Status with { State = state, Message = message, SimklUserName = simklUserName };

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl PIN linking started for user {UserId}; the code is valid for {Minutes:0} min")]
    private static partial void LogStarted(ILogger logger, Guid userId, double minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is now linked to Simkl as {SimklUserName}")]
    private static partial void LogLinked(ILogger logger, Guid userId, string simklUserName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simkl PIN linking for user {UserId} failed unexpectedly")]
    private static partial void LogPollerCrashed(ILogger logger, Exception exception, Guid userId);
}
