using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// The server-side poller on simulated time: when it asks Simkl, how it slows down, and when it stops. Simkl's burst
/// detector watches the server's one IP, so polling too often is a problem every user of the server would feel.
/// </summary>
public sealed class PinLinkServiceTests : IDisposable
{
    private static readonly Guid UserId = Guid.NewGuid();
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
    private readonly ISimklClient _client = Substitute.For<ISimklClient>();
    private readonly ISimklAccountStore _accounts = Substitute.For<ISimklAccountStore>();
    private readonly ConcurrentQueue<(string Code, DateTimeOffset At)> _polls = new();
    private readonly ConcurrentDictionary<string, SimklResult<PinPollResult>> _answers = new();
    private readonly PinLinkService _service;
    private readonly DateTimeOffset _start;
    private int _issued;

    public PinLinkServiceTests()
    {
        _start = _time.GetUtcNow();
        _client.RequestPinCodeAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var code = "C" + Interlocked.Increment(ref _issued);
            return SimklResult.Success(new PinCode(code, new Uri("https://simkl.com/pin/"), TimeSpan.FromSeconds(32), TimeSpan.FromSeconds(5)));
        });
        _client.PollPinCodeAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var code = call.Arg<string>();
            _polls.Enqueue((code, _time.GetUtcNow()));
            return _answers.TryGetValue(code, out var answer) ? answer : SimklResult.Success(new PinPollResult(PinPollStatus.Pending));
        });
        _service = new PinLinkService(_client, _accounts, _time, NullLogger<PinLinkService>.Instance);
    }

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Polls_at_the_interval_simkl_gave_and_stops_when_the_code_expires()
    {
        var started = await _service.StartAsync(UserId, CancellationToken.None);

        await _time.AdvanceAsync(TimeSpan.FromSeconds(60), Step);
        await _service.LatestPoller;

        Assert.Equal(_start.AddSeconds(32), started.Status!.ExpiresAt);
        Assert.Equal([5, 10, 15, 20, 25, 30], SecondsOfPolls());
        Assert.Equal(PinLinkState.Expired, _service.Find(UserId)!.State);
        await _accounts.DidNotReceiveWithAnyArgs().LinkAsync(default, null!, null, default);
    }

    [Fact]
    public async Task Waits_five_seconds_longer_each_time_simkl_says_slow_down()
    {
        var started = await _service.StartAsync(UserId, CancellationToken.None);
        _answers[started.Status!.UserCode] = SimklResult.Success(new PinPollResult(PinPollStatus.SlowDown, Message: "Slow down"));

        await _time.AdvanceAsync(TimeSpan.FromSeconds(31), Step);

        Assert.Equal([5, 15, 30], SecondsOfPolls());
    }

    [Fact]
    public async Task While_simkl_is_unreachable_it_asks_less_often_and_says_why()
    {
        var started = await _service.StartAsync(UserId, CancellationToken.None);
        _answers[started.Status!.UserCode] = SimklResult.Failure<PinPollResult>(SimklOutcome.Unavailable, "Simkl answered 503.");

        await _time.AdvanceAsync(TimeSpan.FromSeconds(31), Step);

        Assert.Equal([5, 15], SecondsOfPolls());
        var status = _service.Find(UserId)!;
        Assert.Equal(PinLinkState.Pending, status.State);
        Assert.Contains("cannot be reached", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entered_code_links_the_user_under_their_simkl_name_and_polling_stops()
    {
        var token = new SimklToken("approved-token");
        _client.GetUserProfileAsync(token, Arg.Any<CancellationToken>()).Returns(SimklResult.Success(new SimklUserProfile("AliceOnSimkl", 7)));
        var started = await _service.StartAsync(UserId, CancellationToken.None);
        _answers[started.Status!.UserCode] = SimklResult.Success(new PinPollResult(PinPollStatus.Approved, token));

        await _time.AdvanceAsync(TimeSpan.FromSeconds(30), Step);
        await _service.LatestPoller;

        await _accounts.Received(1).LinkAsync(UserId, token, "AliceOnSimkl", 7, Arg.Any<CancellationToken>());
        Assert.Equal([started.Status.UserCode], _polls.Select(p => p.Code).Distinct());
        Assert.Equal(PinLinkState.Linked, _service.Find(UserId)!.State);
        Assert.Equal("AliceOnSimkl", _service.Find(UserId)!.SimklUserName);
        Assert.Equal([5], SecondsOfPolls());
    }

    [Fact]
    public async Task Starting_again_leaves_one_poller_for_the_new_code()
    {
        var first = await _service.StartAsync(UserId, CancellationToken.None);
        await _time.AdvanceAsync(TimeSpan.FromSeconds(6), Step);
        var second = await _service.StartAsync(UserId, CancellationToken.None);
        var restartedAt = _time.GetUtcNow();

        await _time.AdvanceAsync(TimeSpan.FromSeconds(20), Step);

        Assert.NotEqual(first.Status!.UserCode, second.Status!.UserCode);
        var afterRestart = _polls.Where(p => p.At > restartedAt).ToList();
        Assert.Equal(4, afterRestart.Count);
        Assert.All(afterRestart, p => Assert.Equal(second.Status.UserCode, p.Code));
    }

    [Fact]
    public async Task Two_starts_at_once_leave_one_poller_for_the_code_the_last_start_returned()
    {
        var requests = new ConcurrentQueue<TaskCompletionSource<SimklResult<PinCode>>>();
        _client.RequestPinCodeAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var pending = new TaskCompletionSource<SimklResult<PinCode>>(TaskCreationOptions.RunContinuationsAsynchronously);
            requests.Enqueue(pending);
            return pending.Task;
        });
        static SimklResult<PinCode> Code(string code) => SimklResult.Success(new PinCode(code, new Uri("https://simkl.com/pin/"), TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(5)));

        // A double click: the second start begins before Simkl answered the first; Simkl answers them out of order.
        var first = _service.StartAsync(UserId, CancellationToken.None);
        var second = _service.StartAsync(UserId, CancellationToken.None);
        var answered = 0;
        while (!(first.IsCompleted && second.IsCompleted))
        {
            var waiting = requests.ToArray();
            if (waiting.Length > answered)
            {
                var pick = waiting.Length - 1;
                while (waiting[pick].Task.IsCompleted)
                {
                    pick--;
                }

                waiting[pick].SetResult(Code("K" + ++answered));
            }

            await Task.Delay(10);
        }

        var last = (await second).Status!.UserCode;
        await first;
        var from = _time.GetUtcNow();
        await _time.AdvanceAsync(TimeSpan.FromSeconds(30), Step);

        var polled = _polls.Where(p => p.At > from).Select(p => p.Code).ToList();
        Assert.NotEmpty(polled);
        Assert.All(polled, code => Assert.Equal(last, code));
        Assert.Equal(last, _service.Find(UserId)!.UserCode);
    }

    private int[] SecondsOfPolls() => _polls.Select(p => (int)(p.At - _start).TotalSeconds).ToArray();
}
