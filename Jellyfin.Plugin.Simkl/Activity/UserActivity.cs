using System.Collections.Generic;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// One user's recent events, newest first, with whether the events already on disk were read in.
/// </summary>
internal sealed class UserActivity
{
    private readonly List<ActivityEntry> _entries = [];
    private readonly int _capacity;

    /// <summary>Initializes a new instance of the <see cref="UserActivity"/> class.</summary>
    /// <param name="capacity">How many events are kept.</param>
    public UserActivity(int capacity) => _capacity = capacity;

    /// <summary>Gets a value indicating whether the events from the user's file are merged in.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Adds a new event.</summary>
    /// <param name="entry">The event.</param>
    public void Add(ActivityEntry entry)
    {
        lock (_entries)
        {
            _entries.Insert(0, entry);
            Trim();
        }
    }

    /// <summary>Merges the events read from disk under the ones recorded since the server started.</summary>
    /// <param name="stored">The events from the file.</param>
    public void MergeStored(IEnumerable<ActivityEntry> stored)
    {
        lock (_entries)
        {
            if (IsLoaded)
            {
                return;
            }

            var merged = _entries.Concat(stored).OrderByDescending(e => e.Time).ToList();
            _entries.Clear();
            _entries.AddRange(merged);
            Trim();
            IsLoaded = true;
        }
    }

    /// <summary>Copies the events, newest first.</summary>
    /// <returns>The copy.</returns>
    public List<ActivityEntry> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    private void Trim()
    {
        if (_entries.Count > _capacity)
        {
            _entries.RemoveRange(_capacity, _entries.Count - _capacity);
        }
    }
}
