using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>A small, bounded, thread-safe memory of (user, item) pairs seen recently, on the injected clock.</summary>
internal sealed class RecentItemMemory
{
    private const int Capacity = 10_000;
    private readonly Dictionary<(Guid User, ulong Item), DateTimeOffset> _seen = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    public RecentItemMemory(TimeProvider time, TimeSpan window)
    {
        _time = time;
        _window = window;
    }

    public void Remember(Guid userId, ulong item)
    {
        var now = _time.GetUtcNow();
        lock (_seen)
        {
            if (_seen.Count >= Capacity)
            {
                // Old entries first; if everything is recent, the memory starts over (worst case: one duplicate later).
                foreach (var stale in new List<(Guid, ulong)>(Stale(now)))
                {
                    _seen.Remove(stale);
                }

                if (_seen.Count >= Capacity)
                {
                    _seen.Clear();
                }
            }

            _seen[(userId, item)] = now;
        }
    }

    public bool Contains(Guid userId, ulong item)
    {
        lock (_seen)
        {
            return _seen.TryGetValue((userId, item), out var at) && _time.GetUtcNow() - at <= _window;
        }
    }

    private IEnumerable<(Guid User, ulong Item)> Stale(DateTimeOffset now)
    {
        foreach (var (key, at) in _seen)
        {
            if (now - at > _window)
            {
                yield return key;
            }
        }
    }
}
