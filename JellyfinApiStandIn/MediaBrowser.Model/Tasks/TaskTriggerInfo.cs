#nullable disable

using System;

namespace MediaBrowser.Model.Tasks;

public class TaskTriggerInfo
{
    public TaskTriggerInfoType Type { get; set; }

    public long? TimeOfDayTicks { get; set; }

    public long? IntervalTicks { get; set; }

    public DayOfWeek? DayOfWeek { get; set; }

    public long? MaxRuntimeTicks { get; set; }
}
