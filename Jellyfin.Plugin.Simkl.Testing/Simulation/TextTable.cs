using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Jellyfin.Plugin.Simkl.Testing.Simulation;

/// <summary>Formats rows as a Markdown table (it reads well in a terminal and pastes into README as is).</summary>
public static class TextTable
{
    public static string Format(string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.Append("### ").AppendLine(title).AppendLine();
        for (var r = 0; r < all.Count; r++)
        {
            text.Append('|');
            for (var c = 0; c < widths.Length; c++)
            {
                text.Append(' ').Append(all[r][c].PadRight(widths[c])).Append(" |");
            }

            text.AppendLine();
            if (r == 0)
            {
                text.Append('|');
                foreach (var width in widths)
                {
                    text.Append(' ').Append(new string('-', width)).Append(" |");
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
