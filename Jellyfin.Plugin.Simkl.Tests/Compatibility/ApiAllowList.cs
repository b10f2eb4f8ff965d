using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Tests.Compatibility;

/// <summary>
/// A list of Jellyfin API lines, one entry a line as <see cref="JellyfinApiSurface"/> spells it, each followed by
/// "# " and a note (where it was checked, or why it is there). Lines starting with '#' are comments.
/// </summary>
internal sealed class ApiAllowList
{
    private readonly Dictionary<string, string> _notes;

    private ApiAllowList(Dictionary<string, string> notes) => _notes = notes;

    public IReadOnlyCollection<string> Entries => _notes.Keys;

    public static ApiAllowList Load(string path)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var hash = text.IndexOf(" # ", StringComparison.Ordinal);
            var entry = (hash < 0 ? text : text[..hash]).Trim();
            var note = hash < 0 ? string.Empty : text[(hash + 3)..].Trim();
            if (!notes.TryAdd(entry, note))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {number}: '{entry}' is listed twice.");
            }
        }

        return new ApiAllowList(notes);
    }

    public static ApiAllowList Of(IEnumerable<string> entries) => new(entries.ToDictionary(e => e, _ => string.Empty, StringComparer.Ordinal));

    public bool Contains(string entry) => _notes.ContainsKey(entry);

    public string NoteOf(string entry) => _notes[entry];

    public ApiAllowList Without(string entry) => new(_notes.Where(n => n.Key != entry).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal));

    /// <summary>The lines that are on neither this list nor <paramref name="others"/>, in order.</summary>
    public IReadOnlyList<string> NotListed(IEnumerable<string> lines, params ApiAllowList[] others)
        => lines.Where(l => !Contains(l) && !others.Any(o => o.Contains(l))).Order(StringComparer.Ordinal).ToList();
}
