using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>
/// Updates a plugin catalog's manifest.json (a JSON array of packages, each with its versions), adding or replacing
/// the entry of one version and leaving every other package and version as it was.
/// </summary>
public static class CatalogManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Update(string manifestPath, PluginMetadata metadata, string sourceUrl, string imageUrl, string checksum, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var catalog = File.Exists(manifestPath) && new FileInfo(manifestPath).Length > 0
            ? JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonArray
              ?? throw new InvalidDataException($"{manifestPath} is not a JSON array of packages.")
            : [];

        var package = catalog.OfType<JsonObject>()
            .FirstOrDefault(p => string.Equals((string?)p["guid"], metadata.PluginGuid, StringComparison.OrdinalIgnoreCase));
        if (package is null)
        {
            package = new JsonObject();
            catalog.Add(package);
        }

        package["guid"] = metadata.PluginGuid;
        package["name"] = metadata.Name;
        package["description"] = metadata.Description;
        package["overview"] = metadata.Overview;
        package["owner"] = metadata.Owner;
        package["category"] = metadata.Category;
        package["imageUrl"] = imageUrl;

        var versions = package["versions"] as JsonArray ?? [];
        package["versions"] = null;
        var kept = versions.OfType<JsonObject>()
            .Where(v => (string?)v["version"] != metadata.Version)
            .Select(v => v.DeepClone())
            .ToList();
        kept.Add(new JsonObject
        {
            ["version"] = metadata.Version,
            ["changelog"] = metadata.Changelog,
            ["targetAbi"] = metadata.TargetAbi,
            ["sourceUrl"] = sourceUrl,
            ["checksum"] = checksum,
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });

        // Newest first, as catalogs list them.
        package["versions"] = new JsonArray(kept
            .OrderByDescending(v => Version.TryParse((string?)v!["version"], out var parsed) ? parsed : new Version(0, 0))
            .ToArray());

        File.WriteAllText(manifestPath, catalog.ToJsonString(Indented) + "\n");
    }
}
