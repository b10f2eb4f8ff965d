using System;
using System.Collections.Generic;
using MediaBrowser.Model.Tasks;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The category and default schedules of the two history-sync tasks. <c>TaskTriggerInfo</c> and its
/// <c>TaskTriggerInfoType</c> enum are declared identically in Jellyfin 10.11.0, 10.11.11 and 12.0 (the enum replaced a
/// string in 10.10), so one build serves both lines. Administrators can change the schedules in the dashboard.
/// </summary>
internal static class HistorySyncTaskDefaults
{
    public const string Category = "Simkl";

    /// <summary>Once a day at 04:00 server time: export only sends what is new, so a daily run is cheap.</summary>
    /// <returns>The triggers.</returns>
    public static IEnumerable<TaskTriggerInfo> ExportTriggers() =>
    [
        new TaskTriggerInfo { Type = TaskTriggerInfoType.DailyTrigger, TimeOfDayTicks = TimeSpan.FromHours(4).Ticks },
    ];

    /// <summary>
    /// Every 12 hours. Each run costs one <c>/sync/activities</c> call per user when nothing changed on Simkl; items are
    /// fetched only after a changed activity, as Simkl requires of timed imports.
    /// </summary>
    /// <returns>The triggers.</returns>
    public static IEnumerable<TaskTriggerInfo> ImportTriggers() =>
    [
        new TaskTriggerInfo { Type = TaskTriggerInfoType.IntervalTrigger, IntervalTicks = TimeSpan.FromHours(12).Ticks },
    ];
}
