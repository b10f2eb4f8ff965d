using System;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Passes a sync run's progress to Jellyfin's task bar: kept between 0 and 100 and never moving back, so the bar in
/// Dashboard → Scheduled Tasks only ever grows (a run that recounts its work midway must not make it jump back).
/// </summary>
internal sealed class TaskProgress : IProgress<double>
{
    private readonly IProgress<double> _target;
    private readonly object _gate = new();
    private double _last = -1;

    public TaskProgress(IProgress<double> target) => _target = target;

    public void Report(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var clamped = Math.Clamp(value, 0, 100);
        lock (_gate)
        {
            if (clamped <= _last)
            {
                return;
            }

            _last = clamped;
        }

        _target.Report(clamped);
    }

    /// <summary>Reports the end of a run that finished.</summary>
    public void Complete() => Report(100);
}
