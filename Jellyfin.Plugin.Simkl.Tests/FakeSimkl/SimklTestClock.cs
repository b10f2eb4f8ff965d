using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Jellyfin.Plugin.Simkl.Tests.FakeSimkl;

/// <summary>
/// Drives simulated time while real loopback I/O completes: between steps it only yields to let sockets and
/// continuations run; no test waits on a real timer.
/// </summary>
public static class SimklTestClock
{
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMilliseconds(250);

    /// <summary>Advances the clock in steps until the task completes (or the simulated limit passes), and returns it.</summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? limit = null, TimeSpan? step = null)
    {
        await time.RunAsync((Task)task, limit, step).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    public static async Task RunAsync(this FakeTimeProvider time, Task task, TimeSpan? limit = null, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(task);
        var end = time.GetUtcNow() + (limit ?? TimeSpan.FromHours(3));
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() >= end)
            {
                throw new TimeoutException($"The task did not finish within {limit ?? TimeSpan.FromHours(3)} of simulated time.");
            }

            await Settle().ConfigureAwait(false);
            if (!task.IsCompleted)
            {
                time.Advance(step ?? DefaultStep);
            }
        }

        await task.ConfigureAwait(false);
    }

    /// <summary>Advances simulated time by <paramref name="duration"/> in steps, letting work scheduled on the way run.</summary>
    public static async Task AdvanceAsync(this FakeTimeProvider time, TimeSpan duration, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var end = time.GetUtcNow() + duration;
        var size = step ?? DefaultStep;
        while (time.GetUtcNow() < end)
        {
            await Settle().ConfigureAwait(false);
            var left = end - time.GetUtcNow();
            time.Advance(left < size ? left : size);
        }

        await Settle().ConfigureAwait(false);
    }

    /// <summary>Lets pending continuations and loopback I/O run before time moves on.</summary>
    public static async Task Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
