using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Jellyfin.Plugin.Simkl.Packager;

// dotnet run --project tools/Packager -- --base-url <where the zip will be served> [--output artifacts]
//     [--jellyfin-api StandIn|Package] [--manifest manifest.json] [--timestamp 2026-01-01T00:00:00Z]
// Builds the plugin (Release), writes <output>/<name>_<version>.zip, its .md5, the thumbnail, and updates the
// catalog manifest (the repository's manifest.json by default) plus a copy in <output>. SIMKL_CLIENT_ID, when set,
// is built in.
try
{
    var options = PackagerOptions.Parse(args);
    var root = PackagerOptions.FindRepositoryRoot(Environment.CurrentDirectory);
    var metadata = BuildYamlReader.Read(Path.Combine(root, "build.yaml"));
    var output = Path.GetFullPath(options.Output, root);
    var publish = Path.Combine(output, "publish");
    if (Directory.Exists(publish))
    {
        Directory.Delete(publish, recursive: true);
    }

    Publish(root, publish, options.JellyfinApi);
    var timestamp = options.Timestamp ?? DateTimeOffset.UtcNow;
    var package = PackageBuilder.Build(metadata, publish, output, timestamp);
    var sourceUrl = options.BaseUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(package.ZipName);
    var imageUrl = CatalogImage.UrlFor(options.BaseUrl, metadata.ImageUrl);
    var manifest = Path.GetFullPath(options.Manifest ?? "manifest.json", root);
    CatalogManifest.Update(manifest, metadata, sourceUrl, imageUrl, package.Checksum, timestamp);
    var manifestCopy = Path.Combine(output, "manifest.json");
    if (!string.Equals(manifest, manifestCopy, StringComparison.Ordinal))
    {
        File.Copy(manifest, manifestCopy, overwrite: true);
    }

    Console.WriteLine($"Package:  {package.ZipPath}");
    Console.WriteLine($"MD5:      {package.Checksum}");
    Console.WriteLine($"Source:   {sourceUrl}");
    Console.WriteLine($"Image:    {imageUrl} (serve {Path.Combine(output, package.ImageName)} there)");
    Console.WriteLine($"Manifest: {manifest} (copy in {output})");
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine("packaging failed: " + ex.Message);
    return 1;
}

static void Publish(string root, string publishDirectory, string jellyfinApi)
{
    var start = new ProcessStartInfo("dotnet")
    {
        WorkingDirectory = root,
        UseShellExecute = false,
    };
    foreach (var argument in new[]
    {
        "publish", Path.Combine("Jellyfin.Plugin.Simkl", "Jellyfin.Plugin.Simkl.csproj"),
        "-c", "Release", "-o", publishDirectory, "-p:JellyfinApi=" + jellyfinApi, "-p:ContinuousIntegrationBuild=true",
    })
    {
        start.ArgumentList.Add(argument);
    }

    var clientId = Environment.GetEnvironmentVariable("SIMKL_CLIENT_ID");
    if (!string.IsNullOrWhiteSpace(clientId))
    {
        start.ArgumentList.Add("-p:SimklClientId=" + clientId.Trim());
    }

    using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"dotnet publish failed with exit code {process.ExitCode}."));
    }
}
