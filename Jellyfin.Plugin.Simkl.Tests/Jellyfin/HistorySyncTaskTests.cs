using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Model.Tasks;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

/// <summary>The two scheduled tasks as Dashboard → Scheduled Tasks runs them: progress bar, cancel button, schedule.</summary>
public sealed class HistorySyncTaskTests
{
    public static TheoryData<string> TaskKinds => new() { "export", "import" };

    [Theory]
    [MemberData(nameof(TaskKinds))]
    public async Task The_progress_bar_follows_the_run_only_forward_between_0_and_100_and_ends_full(string kind)
    {
        var runner = new ScriptedRunner(10, 35.5, 30, 80, 250, double.NaN);
        var progress = new RecordingProgress();

        await Create(kind, runner).ExecuteAsync(progress, CancellationToken.None);

        Assert.Equal([0, 10, 35.5, 80, 100], progress.Values);
        Assert.Equal(1, runner.Runs);
    }

    [Theory]
    [MemberData(nameof(TaskKinds))]
    public async Task Cancelling_from_the_dashboard_stops_the_run_and_the_task_ends_cancelled_not_complete(string kind)
    {
        using var cts = new CancellationTokenSource();
        var runner = new ScriptedRunner(20) { CancelAfterReports = cts };
        var progress = new RecordingProgress();

        var error = await Record.ExceptionAsync(() => Create(kind, runner).ExecuteAsync(progress, cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(runner.SawCancellation);
        Assert.DoesNotContain(100, progress.Values);
    }

    [Theory]
    [MemberData(nameof(TaskKinds))]
    public async Task A_run_that_returns_after_a_cancel_still_ends_cancelled(string kind)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var runner = new ScriptedRunner(50) { IgnoreCancellation = true };

        var error = await Record.ExceptionAsync(() => Create(kind, runner).ExecuteAsync(new RecordingProgress(), cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public void Both_tasks_are_listed_under_Simkl_with_their_own_names_and_keys()
    {
        var tasks = new IScheduledTask[] { Create("export", new ScriptedRunner()), Create("import", new ScriptedRunner()) };

        Assert.Equal(["Send watch history to Simkl", "Get watch history from Simkl"], tasks.Select(t => t.Name));
        Assert.All(tasks, t => Assert.Equal("Simkl", t.Category));
        Assert.Equal(2, tasks.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(tasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public void Export_runs_daily_at_night_and_import_twice_a_day_by_default()
    {
        var export = Assert.Single(Create("export", new ScriptedRunner()).GetDefaultTriggers());
        var import = Assert.Single(Create("import", new ScriptedRunner()).GetDefaultTriggers());

        Assert.Equal((TaskTriggerInfoType.DailyTrigger, TimeSpan.FromHours(4).Ticks), (export.Type, export.TimeOfDayTicks));
        Assert.Equal((TaskTriggerInfoType.IntervalTrigger, TimeSpan.FromHours(12).Ticks), (import.Type, import.IntervalTicks));
    }

    private static IScheduledTask Create(string kind, ScriptedRunner runner)
        => kind == "export" ? new SendWatchHistoryTask(runner) : new GetWatchHistoryTask(runner);

    private sealed class RecordingProgress : IProgress<double>
    {
        private readonly List<double> _values = [];

        public IReadOnlyList<double> Values => _values;

        public void Report(double value) => _values.Add(value);
    }

    private sealed class ScriptedRunner : IHistoryExportRunner, IHistoryImportRunner
    {
        private readonly double[] _reports;

        public ScriptedRunner(params double[] reports) => _reports = reports;

        public int Runs { get; private set; }

        public CancellationTokenSource? CancelAfterReports { get; init; }

        public bool IgnoreCancellation { get; init; }

        public bool SawCancellation { get; private set; }

        public async Task RunAsync(IProgress<double> progress, CancellationToken ct)
        {
            Runs++;
            foreach (var value in _reports)
            {
                progress.Report(value);
                await Task.Yield();
            }

            if (CancelAfterReports is { } cts)
            {
                await cts.CancelAsync();
            }

            if (!IgnoreCancellation)
            {
                SawCancellation = ct.IsCancellationRequested;
                ct.ThrowIfCancellationRequested();
            }
        }
    }
}
