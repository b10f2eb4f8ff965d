using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Tests.FakeSimkl;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class PinLinkCoordinatorTests : IDisposable
{
    private static readonly Guid UserId = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
    private readonly ISimklClient _client = Substitute.For<ISimklClient>();
    private readonly ISimklConnectionSettings _settings = Substitute.For<ISimklConnectionSettings>();
    private readonly ISimklAccountStore _accounts = Substitute.For<ISimklAccountStore>();
    private readonly ConcurrentQueue<(string Code, DateTimeOffset At)> _polls = new();
    private readonly ConcurrentDictionary<string, PinPollResult> _answers = new();
    private readonly PinLinkCoordinator _coordinator;
    private int _issued;

    public PinLinkCoordinatorTests()
    {
        _settings.ClientId.Returns("client");
        _client.RequestPinCodeAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var code = "C" + Interlocked.Increment(ref _issued);
            return SimklResult.Success(new PinCode(code, new Uri("https://simkl.com/pin/"), TimeSpan.FromSeconds(32), TimeSpan.FromSeconds(5)));
        });
        _client.PollPinCodeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var code = call.Arg<string>();
            _polls.Enqueue((code, _time.GetUtcNow()));
            return SimklResult.Success(_answers.TryRemove(code, out var answer) ? answer : new PinPollResult(PinPollStatus.Pending));
        });
        _coordinator = new PinLinkCoordinator(_client, _settings, _accounts, _time, NullLogger<PinLinkCoordinator>.Instance);
    }

    public void Dispose() => _coordinator.Dispose();

    [Fact]
    public async Task Polls_at_simkls_interval_and_stops_at_expiry()
    {
        var start = _time.GetUtcNow();
        var started = await _coordinator.StartAsync(UserId, CancellationToken.None);

        await _time.AdvanceAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        await _coordinator.WhenStopped(UserId);

        Assert.Equal(start.AddSeconds(32), started.ExpiresAt);
        Assert.Equal([5, 10, 15, 20, 25, 30], _polls.Select(p => (int)(p.At - start).TotalSeconds));
        Assert.Equal(PinFlowState.Expired, _coordinator.GetStatus(UserId)!.State);
        await _accounts.DidNotReceiveWithAnyArgs().LinkAsync(default, null!, null, default);
    }

    [Fact]
    public async Task Slows_down_when_simkl_says_so()
    {
        var start = _time.GetUtcNow();
        var started = await _coordinator.StartAsync(UserId, CancellationToken.None);
        _answers[started.UserCode!] = new PinPollResult(PinPollStatus.SlowDown, Message: "Slow down");

        await _time.AdvanceAsync(TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(1));

        Assert.Equal([5, 15, 25], _polls.Select(p => (int)(p.At - start).TotalSeconds));
    }

    [Fact]
    public async Task Starting_again_replaces_the_pending_code_with_one_poller_for_the_new_code()
    {
        var first = await _coordinator.StartAsync(UserId, CancellationToken.None);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(1));
        var second = await _coordinator.StartAsync(UserId, CancellationToken.None);
        var restartedAt = _time.GetUtcNow();

        await _time.AdvanceAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));

        Assert.NotEqual(first.UserCode, second.UserCode);
        var afterRestart = _polls.Where(p => p.At > restartedAt).ToList();
        Assert.All(afterRestart, p => Assert.Equal(second.UserCode, p.Code));
        Assert.Equal(4, afterRestart.Count);
    }

    [Fact]
    public async Task An_entered_code_links_the_user_with_the_simkl_name()
    {
        var token = new SimklToken("approved-token");
        _client.GetUserProfileAsync(token, Arg.Any<CancellationToken>()).Returns(SimklResult.Success(new SimklUserProfile("AliceOnSimkl", 7)));
        var started = await _coordinator.StartAsync(UserId, CancellationToken.None);
        _answers[started.UserCode!] = new PinPollResult(PinPollStatus.Approved, token);

        await _time.AdvanceAsync(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(1));
        await _coordinator.WhenStopped(UserId);

        await _accounts.Received(1).LinkAsync(UserId, token, "AliceOnSimkl", Arg.Any<CancellationToken>());
        var status = _coordinator.GetStatus(UserId)!;
        Assert.Equal(PinFlowState.Linked, status.State);
        Assert.Equal("AliceOnSimkl", status.SimklUserName);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1));
        Assert.Single(_polls);
    }

    [Fact]
    public async Task Simkl_down_while_waiting_keeps_trying_and_says_why()
    {
        var started = await _coordinator.StartAsync(UserId, CancellationToken.None);
        _client.PollPinCodeAsync(started.UserCode!, Arg.Any<CancellationToken>())
            .Returns(SimklResult.Failure<PinPollResult>(SimklOutcome.Unavailable, "Simkl answered 503."));

        await _time.AdvanceAsync(TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(1));

        var status = _coordinator.GetStatus(UserId)!;
        Assert.Equal(PinFlowState.Pending, status.State);
        Assert.Contains("not answering", status.Message, StringComparison.Ordinal);
        await _client.Received(2).PollPinCodeAsync(started.UserCode!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_a_client_id_simkl_is_not_asked()
    {
        _settings.ClientId.Returns(string.Empty);

        var result = await _coordinator.StartAsync(UserId, CancellationToken.None);

        Assert.Equal(PinStartOutcome.NoClientId, result.Outcome);
        await _client.DidNotReceiveWithAnyArgs().RequestPinCodeAsync(default);
    }
}
