using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>
/// Makes the zip a Jellyfin server installs from a catalog: the plugin's own DLLs, its thumbnail, and a meta.json
/// whose "assemblies" names exactly those DLLs (the server then loads nothing else from the folder) and whose
/// "imagePath" names the thumbnail. The thumbnail is also written next to the zip, for the catalog to serve.
/// </summary>
public static class PackageBuilder
{
    // Assemblies the server already loads, or stand-ins of them: shipping one would shadow the server's copy.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly string[] ServerOwnedPrefixes = ["MediaBrowser.", "Jellyfin.", "Polly", "Microsoft.", "System.", "Emby."];

    public static PackageResult Build(PluginMetadata metadata, string publishDirectory, string outputDirectory, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        CheckArtifacts(metadata, publishDirectory);
        CatalogImage.Check(metadata.Image, metadata.ImageUrl);
        Directory.CreateDirectory(outputDirectory);
        var imageName = Path.GetFileName(metadata.Image);

        var zipName = $"{Slug(metadata.Name)}_{metadata.Version}.zip";
        var zipPath = Path.Combine(outputDirectory, zipName);
        File.Delete(zipPath);

        // Fixed entry times keep the zip (and its checksum) the same for the same build.
        var entryTime = new DateTimeOffset(timestamp.UtcDateTime.Date, TimeSpan.Zero);
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var artifact in metadata.Artifacts)
            {
                var entry = zip.CreateEntry(artifact, CompressionLevel.Optimal);
                entry.LastWriteTime = entryTime;
                using var source = File.OpenRead(Path.Combine(publishDirectory, artifact));
                using var target = entry.Open();
                source.CopyTo(target);
            }

            var image = zip.CreateEntry(imageName, CompressionLevel.Optimal);
            image.LastWriteTime = entryTime;
            using (var target = image.Open())
            {
                target.Write(File.ReadAllBytes(metadata.Image));
            }

            var meta = zip.CreateEntry("meta.json", CompressionLevel.Optimal);
            meta.LastWriteTime = entryTime;
            using var stream = meta.Open();
            stream.Write(MetaJson(metadata, timestamp));
        }

        var checksum = Md5Of(zipPath);
        File.WriteAllText(zipPath + ".md5", $"{checksum}  {zipName}\n");
        var imageCopy = Path.Combine(outputDirectory, imageName);
        if (!string.Equals(Path.GetFullPath(imageCopy), Path.GetFullPath(metadata.Image), StringComparison.Ordinal))
        {
            File.Copy(metadata.Image, imageCopy, overwrite: true);
        }

        return new PackageResult(zipPath, zipName, checksum, imageName);
    }

    public static byte[] MetaJson(PluginMetadata metadata, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var meta = new JsonObject
        {
            ["category"] = metadata.Category,
            ["changelog"] = metadata.Changelog,
            ["description"] = metadata.Description,
            ["guid"] = metadata.PluginGuid,
            ["imagePath"] = Path.GetFileName(metadata.Image),
            ["name"] = metadata.Name,
            ["overview"] = metadata.Overview,
            ["owner"] = metadata.Owner,
            ["targetAbi"] = metadata.TargetAbi,
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["version"] = metadata.Version,
            ["assemblies"] = new JsonArray(metadata.Artifacts.Select(a => (JsonNode)a).ToArray()),
        };
        return JsonSerializer.SerializeToUtf8Bytes(meta, Indented);
    }

    private static void CheckArtifacts(PluginMetadata metadata, string publishDirectory)
    {
        var problems = new List<string>();
        foreach (var artifact in metadata.Artifacts)
        {
            var path = Path.Combine(publishDirectory, artifact);
            if (Path.GetFileName(artifact) != artifact || !artifact.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"'{artifact}' is not a DLL file name.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"'{artifact}' was not built (looked in {publishDirectory}).");
            }
            else if (IsServerOwned(artifact))
            {
                problems.Add($"'{artifact}' is an assembly the server loads itself; shipping it would shadow the server's copy.");
            }
            else if (AssemblyName.GetAssemblyName(path).Version?.ToString() is { } built && artifact.StartsWith("Jellyfin.Plugin.", StringComparison.Ordinal) && built != metadata.Version)
            {
                problems.Add($"'{artifact}' has version {built}, but build.yaml says {metadata.Version}.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("Cannot package: " + string.Join(" ", problems));
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "Jellyfin's catalog format checks packages with MD5; it is a transfer checksum, not a security control.")]
    private static string Md5Of(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));

    private static bool IsServerOwned(string artifact)
        => !artifact.StartsWith("Jellyfin.Plugin.", StringComparison.Ordinal)
           && ServerOwnedPrefixes.Any(prefix => artifact.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');
}
