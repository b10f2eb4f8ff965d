using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// What a user's Simkl history already holds, as far as export is concerned: the keys of every watch read from Simkl,
/// sent to it, or settled otherwise (an item Simkl cannot match). Eight bytes per key, sorted, on disk between runs;
/// never a list of library items.
/// </summary>
internal sealed class SettledHistory
{
    private readonly HashSet<ulong> _added = [];
    private readonly HashSet<ulong> _removed = [];
    private ulong[] _sorted;

    private SettledHistory(ulong[] sorted) => _sorted = sorted;

    /// <summary>Gets the number of keys.</summary>
    public int Count => _sorted.Length + _added.Count - _removed.Count;

    /// <summary>Gets a value indicating whether keys were added or removed since loading.</summary>
    public bool IsChanged => _added.Count > 0 || _removed.Count > 0;

    public static SettledHistory Empty() => new([]);

    /// <summary>Reads the stored form (little-endian keys, sorted); a damaged tail is ignored.</summary>
    public static SettledHistory FromBytes(ReadOnlySpan<byte> bytes)
    {
        var keys = new ulong[bytes.Length / sizeof(ulong)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i * sizeof(ulong), sizeof(ulong)));
        }

        Array.Sort(keys);
        return new SettledHistory(keys);
    }

    public bool Contains(ulong key)
        => !_removed.Contains(key) && (_added.Contains(key) || Array.BinarySearch(_sorted, key) >= 0);

    /// <summary>Answers whether any of the keys is settled.</summary>
    public bool ContainsAny(IReadOnlyList<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(IEnumerable<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _removed.Remove(key);
            if (Array.BinarySearch(_sorted, key) < 0)
            {
                _added.Add(key);
            }
        }
    }

    public void Remove(IEnumerable<ulong> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _added.Remove(key);
            if (Array.BinarySearch(_sorted, key) >= 0)
            {
                _removed.Add(key);
            }
        }
    }

    /// <summary>Merges the changes and returns the stored form.</summary>
    public byte[] ToBytes()
    {
        if (IsChanged)
        {
            var merged = new List<ulong>(Count);
            foreach (var key in _sorted)
            {
                if (!_removed.Contains(key))
                {
                    merged.Add(key);
                }
            }

            merged.AddRange(_added);
            _sorted = [.. merged];
            Array.Sort(_sorted);
            _added.Clear();
            _removed.Clear();
        }

        var bytes = new byte[_sorted.Length * sizeof(ulong)];
        for (var i = 0; i < _sorted.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), _sorted[i]);
        }

        return bytes;
    }
}
