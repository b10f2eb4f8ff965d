using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// Drives simulated time. Before each step it waits for real work to finish (requests on the loopback wire, queued
/// events), so only simulated timers decide what happens; no test waits on a real timer.
/// </summary>
public static class SimklTestClock
{
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RealWorkLimit = TimeSpan.FromSeconds(30);
    private static readonly ConditionalWeakTable<FakeTimeProvider, Func<bool>> BusyChecks = new();

    /// <summary>Tells the clock what "real work still running" means for this simulated time.</summary>
    public static void WaitFor(this FakeTimeProvider time, Func<bool> isBusy)
    {
        ArgumentNullException.ThrowIfNull(time);
        var previous = BusyChecks.TryGetValue(time, out var existing) ? existing : null;
        BusyChecks.AddOrUpdate(time, previous is null ? isBusy : () => previous() || isBusy());
    }

    /// <summary>Answers whether registered real work (a request on the wire, a queued event) is still running.</summary>
    public static bool IsBusy(this FakeTimeProvider time)
        => BusyChecks.TryGetValue(time, out var check) && check();

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

            await time.SettleAsync().ConfigureAwait(false);
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
            await time.SettleAsync().ConfigureAwait(false);
            var left = end - time.GetUtcNow();
            time.Advance(left < size ? left : size);
        }

        await time.SettleAsync().ConfigureAwait(false);
    }

    /// <summary>Lets continuations run and waits (in real time, bounded) until no registered real work is running.</summary>
    public static async Task SettleAsync(this FakeTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var isBusy = BusyChecks.TryGetValue(time, out var check) ? check : null;
        var watch = Stopwatch.StartNew();
        for (var quiet = 0; quiet < 2;)
        {
            await Task.Yield();
            if (isBusy?.Invoke() == true)
            {
                quiet = 0;
                if (watch.Elapsed > RealWorkLimit)
                {
                    throw new TimeoutException("Real work (a request or an event) did not finish within 30 s of real time.");
                }

                await Task.Delay(1).ConfigureAwait(false);
            }
            else
            {
                quiet++;
                await Task.Delay(quiet == 1 ? 0 : 1).ConfigureAwait(false);
            }
        }
    }
}
