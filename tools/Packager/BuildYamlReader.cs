using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>
/// Reads the flat subset of YAML that jprm's build.yaml uses: scalars (plain or quoted), folded (&gt;) and literal (|)
/// block scalars, and lists of scalars. Anything else is an error, so a typo never ships silently.
/// </summary>
public static class BuildYamlReader
{
    public static PluginMetadata Read(string path)
    {
        var values = Parse(File.ReadAllLines(path));

        string Scalar(string key) => values.TryGetValue(key, out var value) && value is string text && text.Length > 0
            ? text
            : throw new InvalidDataException($"build.yaml: '{key}' is missing or empty.");

        var artifacts = values.TryGetValue("artifacts", out var list) && list is List<string> items && items.Count > 0
            ? items
            : throw new InvalidDataException("build.yaml: 'artifacts' must list the plugin's DLLs.");

        var image = Path.GetFullPath(Scalar("image"), Path.GetDirectoryName(Path.GetFullPath(path))!);
        CatalogImage.Check(image, Scalar("imageUrl"));

        return new PluginMetadata(
            Scalar("name"),
            Scalar("guid"),
            Scalar("version"),
            Scalar("targetAbi"),
            Scalar("framework"),
            Scalar("owner"),
            Scalar("overview"),
            Scalar("description"),
            Scalar("category"),
            artifacts,
            Scalar("changelog"),
            image,
            Scalar("imageUrl"));
    }

    public static Dictionary<string, object> Parse(IReadOnlyList<string> lines)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        var index = 0;
        while (index < lines.Count)
        {
            var line = lines[index];
            if (IsIgnorable(line))
            {
                index++;
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                throw new InvalidDataException($"build.yaml line {index + 1}: unexpected indentation.");
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"build.yaml line {index + 1}: expected 'key: value'.");
            }

            var key = line[..colon].Trim();
            var rest = line[(colon + 1)..].Trim();
            index++;

            if (rest.Length == 0)
            {
                var items = new List<string>();
                while (index < lines.Count && (IsIgnorable(lines[index]) || lines[index].TrimStart().StartsWith("- ", StringComparison.Ordinal)))
                {
                    if (!IsIgnorable(lines[index]))
                    {
                        items.Add(Unquote(lines[index].TrimStart()[2..].Trim()));
                    }

                    index++;
                }

                result[key] = items;
            }
            else if (rest is ">" or ">-" or "|" or "|-")
            {
                var block = new List<string>();
                while (index < lines.Count && (lines[index].Length == 0 || char.IsWhiteSpace(lines[index][0])))
                {
                    block.Add(lines[index].Trim());
                    index++;
                }

                var separator = rest.StartsWith('>') ? " " : "\n";
                result[key] = string.Join(separator, block.Where(l => l.Length > 0));
            }
            else
            {
                result[key] = Unquote(rest);
            }
        }

        return result;
    }

    private static bool IsIgnorable(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed == "---";
    }

    private static string Unquote(string value)
        => value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? value[1..^1]
            : value;
}
