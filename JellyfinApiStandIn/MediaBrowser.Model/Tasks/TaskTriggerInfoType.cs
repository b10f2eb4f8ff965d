namespace MediaBrowser.Model.Tasks;

// 10.10 replaced the old string trigger type with this enum; 10.11.0, 10.11.11 and 12.0 declare it identically.
public enum TaskTriggerInfoType
{
    DailyTrigger,
    WeeklyTrigger,
    IntervalTrigger,
    StartupTrigger,
}
