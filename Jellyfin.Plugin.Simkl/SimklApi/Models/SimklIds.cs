using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;

namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The <c>ids</c> object of a Simkl media object: <c>simkl</c>, <c>imdb</c>, <c>tmdb</c>, <c>tvdb</c>, <c>mal</c>,
/// <c>anidb</c>, <c>anilist</c>, <c>kitsu</c> and any other. Keys are lower case; values are kept as text, because
/// Simkl sends the same id as a number in one place and as a string in another.
/// </summary>
[JsonConverter(typeof(SimklIdsJsonConverter))]
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "\"ids\" is the name Simkl gives this object.")]
public sealed class SimklIds : IEquatable<SimklIds>, IReadOnlyCollection<KeyValuePair<string, string>>
{
    /// <summary>The key of Simkl's own id (responses also say <c>simkl_id</c>).</summary>
    public const string SimklKey = "simkl";

    private readonly SortedDictionary<string, string> _ids;

    /// <summary>Initializes a new instance of the <see cref="SimklIds"/> class.</summary>
    /// <param name="ids">Pairs of id name and value; blank values are dropped, names are lower-cased.</param>
    public SimklIds(IEnumerable<KeyValuePair<string, string>> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _ids = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ids)
        {
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(value))
            {
                _ids[Normalize(key)] = value.Trim();
            }
        }
    }

    /// <summary>Gets an empty set of ids.</summary>
    public static SimklIds Empty { get; } = new([]);

    /// <summary>Gets the number of ids.</summary>
    public int Count => _ids.Count;

    /// <summary>Gets a value indicating whether there is no id at all.</summary>
    public bool IsEmpty => _ids.Count == 0;

    /// <summary>Gets Simkl's own id, when known.</summary>
    public long? Simkl => _ids.TryGetValue(SimklKey, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Gets the value of one id.</summary>
    /// <param name="key">The id name, such as <c>imdb</c>.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? this[string key] => _ids.TryGetValue(Normalize(key), out var value) ? value : null;

    /// <summary>Creates ids from name and value pairs.</summary>
    /// <param name="ids">The pairs; blank values are dropped.</param>
    /// <returns>The ids.</returns>
    public static SimklIds Of(params (string Key, string? Value)[] ids)
        => new(ids.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)));

    /// <summary>Returns these ids with one more (or one replaced).</summary>
    /// <param name="key">The id name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new ids.</returns>
    public SimklIds With(string key, string value) => new(_ids.Append(new KeyValuePair<string, string>(key, value)));

    /// <summary>Returns whether an id is present.</summary>
    /// <param name="key">The id name.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string key) => _ids.ContainsKey(Normalize(key));

    /// <inheritdoc />
    public bool Equals(SimklIds? other) => other is not null && _ids.SequenceEqual(other._ids);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SimklIds);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (key, value) in _ids)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _ids.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _ids.Select(p => p.Key + "=" + p.Value)) + "}";

    private static string Normalize(string key)
    {
        var lower = key.Trim().ToLowerInvariant();
        return lower == "simkl_id" ? SimklKey : lower;
    }
}
