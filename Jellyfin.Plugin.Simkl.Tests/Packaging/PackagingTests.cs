using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using Jellyfin.Plugin.Simkl.Packager;
using Jellyfin.Plugin.Simkl.Testing.Support;
using MediaBrowser.Common.Plugins;

namespace Jellyfin.Plugin.Simkl.Tests.Packaging;

public sealed class PackagingTests : IDisposable
{
    private static readonly DateTimeOffset Timestamp = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly PluginMetadata _metadata = BuildYamlReader.Read(Path.Combine(RepositoryRoot, "build.yaml"));

    private static string RepositoryRoot => PackagerOptions.FindRepositoryRoot(AppContext.BaseDirectory);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Build_yaml_describes_the_plugin_the_assembly_contains()
    {
        var plugin = typeof(Plugin).Assembly;

        Assert.Equal(Plugin.PluginGuid, _metadata.PluginGuid);
        Assert.Equal("Simkl Scrobbler", _metadata.Name);
        Assert.Equal(plugin.GetName().Version!.ToString(), _metadata.Version);
        Assert.Equal(["Jellyfin.Plugin.Simkl.dll"], _metadata.Artifacts);
        Assert.Equal("net9.0", _metadata.Framework);
    }

    [Fact]
    public void Target_abi_is_the_version_the_plugin_compiles_against()
    {
        // A server older than targetAbi refuses the plugin; a newer stand-in than the real API would hide a missing member.
        var compiledAgainst = typeof(BasePlugin).Assembly.GetName().Version!.ToString();

        Assert.Equal("10.11.0.0", _metadata.TargetAbi);
        Assert.Equal(compiledAgainst, _metadata.TargetAbi);
    }

    [Fact]
    public void The_zip_holds_only_the_listed_plugin_dll_the_thumbnail_and_meta_json_even_with_stray_dlls_beside_it()
    {
        var publish = PublishFolderWith("Polly.dll", "MediaBrowser.Controller.dll", "Microsoft.Extensions.Http.dll");

        var package = PackageBuilder.Build(_metadata, publish, Path.Combine(_directory.Path, "out"), Timestamp);

        using var zip = ZipFile.OpenRead(package.ZipPath);
        Assert.Equal(["Jellyfin.Plugin.Simkl.dll", "meta.json", "simkl-scrobbler.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal("simkl-scrobbler_1.0.0.0.zip", package.ZipName);
        Assert.Equal($"{package.Checksum}  {package.ZipName}\n", File.ReadAllText(package.ZipPath + ".md5"));
    }

    [Fact]
    public void Meta_json_lists_the_plugins_own_assemblies_so_the_server_loads_nothing_else()
    {
        var publish = PublishFolderWith();
        var package = PackageBuilder.Build(_metadata, publish, Path.Combine(_directory.Path, "out"), Timestamp);

        using var zip = ZipFile.OpenRead(package.ZipPath);
        using var stream = zip.GetEntry("meta.json")!.Open();
        var meta = JsonNode.Parse(stream)!.AsObject();

        Assert.Equal(_metadata.PluginGuid, (string?)meta["guid"]);
        Assert.Equal("10.11.0.0", (string?)meta["targetAbi"]);
        Assert.Equal("1.0.0.0", (string?)meta["version"]);
        Assert.Equal("2026-11-23T08:00:00Z", (string?)meta["timestamp"]);
        Assert.Equal(["Jellyfin.Plugin.Simkl.dll"], meta["assemblies"]!.AsArray().Select(a => (string?)a));
        foreach (var field in new[] { "name", "description", "overview", "owner", "category", "changelog" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)meta[field]), field + " is empty");
        }
    }

    [Fact]
    public void The_same_build_packaged_twice_has_the_same_checksum()
    {
        var publish = PublishFolderWith();

        var first = PackageBuilder.Build(_metadata, publish, Path.Combine(_directory.Path, "a"), Timestamp);
        var second = PackageBuilder.Build(_metadata, publish, Path.Combine(_directory.Path, "b"), Timestamp);

        Assert.Matches("^[0-9a-f]{32}$", first.Checksum);
        Assert.Equal(first.Checksum, second.Checksum);
    }

    [Fact]
    public void A_server_owned_assembly_listed_as_an_artifact_is_refused()
    {
        var publish = PublishFolderWith("Polly.dll");
        var metadata = _metadata with { Artifacts = ["Jellyfin.Plugin.Simkl.dll", "Polly.dll"] };

        var error = Assert.Throws<InvalidDataException>(() => PackageBuilder.Build(metadata, publish, Path.Combine(_directory.Path, "out"), Timestamp));

        Assert.Contains("Polly.dll", error.Message, StringComparison.Ordinal);
        Assert.Contains("shadow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_dll_whose_version_differs_from_build_yaml_is_refused()
    {
        var publish = PublishFolderWith();
        var metadata = _metadata with { Version = "1.2.0.0" };

        var error = Assert.Throws<InvalidDataException>(() => PackageBuilder.Build(metadata, publish, Path.Combine(_directory.Path, "out"), Timestamp));

        Assert.Contains("1.2.0.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_manifest_gains_the_new_version_and_keeps_everything_else()
    {
        var manifest = Path.Combine(_directory.Path, "manifest.json");
        var existing = $$"""
            [
              { "guid": "11111111-2222-3333-4444-555555555555", "name": "Other plugin", "versions": [ { "version": "2.0.0.0" } ] },
              { "guid": "{{_metadata.PluginGuid}}", "name": "Simkl Scrobbler",
                "versions": [ { "version": "0.9.0.0", "sourceUrl": "http://old/zip" }, { "version": "1.0.0.0", "checksum": "stale" } ] }
            ]
            """;
        File.WriteAllText(manifest, existing);

        CatalogManifest.Update(manifest, _metadata, "http://127.0.0.1:8765/simkl-scrobbler_1.0.0.0.zip", "http://127.0.0.1:8765/simkl-scrobbler.png", "0123456789abcdef0123456789abcdef", Timestamp);

        var catalog = JsonNode.Parse(File.ReadAllText(manifest))!.AsArray();
        Assert.Equal(2, catalog.Count);
        Assert.Equal("Other plugin", (string?)catalog[0]!["name"]);
        var versions = catalog[1]!["versions"]!.AsArray();
        Assert.Equal(["1.0.0.0", "0.9.0.0"], versions.Select(v => (string?)v!["version"]));
        var entry = versions[0]!;
        Assert.Equal("http://127.0.0.1:8765/simkl-scrobbler_1.0.0.0.zip", (string?)entry["sourceUrl"]);
        Assert.Equal("0123456789abcdef0123456789abcdef", (string?)entry["checksum"]);
        Assert.Equal("10.11.0.0", (string?)entry["targetAbi"]);
        Assert.Equal("2026-11-23T08:00:00Z", (string?)entry["timestamp"]);
        Assert.Equal("http://old/zip", (string?)versions[1]!["sourceUrl"]);
        Assert.Equal(_metadata.Overview, (string?)catalog[1]!["overview"]);
        Assert.Equal("http://127.0.0.1:8765/simkl-scrobbler.png", (string?)catalog[1]!["imageUrl"]);
        Assert.Null(catalog[0]!["imageUrl"]);
    }

    [Fact]
    public void Build_yaml_names_the_thumbnail_in_assets_and_its_catalog_address()
    {
        Assert.Equal(Path.Combine(RepositoryRoot, "assets", "simkl-scrobbler.png"), _metadata.Image);
        Assert.Equal("simkl-scrobbler.png", _metadata.ImageUrl);
    }

    [Fact]
    public void The_thumbnail_is_a_16_by_9_png_as_jellyfin_shows_plugin_cards()
    {
        var (width, height) = PngSize(File.ReadAllBytes(_metadata.Image));

        Assert.Equal((640, 360), (width, height));
    }

    [Fact]
    public void The_zip_carries_the_thumbnail_that_meta_json_names_and_the_catalog_gets_a_copy_beside_the_zip()
    {
        var output = Path.Combine(_directory.Path, "out");
        var package = PackageBuilder.Build(_metadata, PublishFolderWith(), output, Timestamp);

        using var zip = ZipFile.OpenRead(package.ZipPath);
        using var stream = zip.GetEntry("meta.json")!.Open();
        var imagePath = (string?)JsonNode.Parse(stream)!["imagePath"];
        Assert.Equal("simkl-scrobbler.png", imagePath);
        Assert.Equal(File.ReadAllBytes(_metadata.Image), ReadEntry(zip, imagePath!));
        Assert.Equal(package.ImageName, imagePath);
        Assert.Equal(File.ReadAllBytes(_metadata.Image), File.ReadAllBytes(Path.Combine(output, imagePath!)));
    }

    [Theory]
    [InlineData("https://example.org/jellyfin/simkl/", "simkl-scrobbler.png", "https://example.org/jellyfin/simkl/simkl-scrobbler.png")]
    [InlineData("http://127.0.0.1/ci", "simkl-scrobbler.png", "http://127.0.0.1/ci/simkl-scrobbler.png")]
    [InlineData("http://127.0.0.1/ci/", "https://cdn.example.org/img/simkl.png", "https://cdn.example.org/img/simkl.png")]
    public void The_catalog_image_address_is_the_file_under_the_base_url_unless_build_yaml_gives_an_absolute_one(string baseUrl, string imageUrl, string expected)
        => Assert.Equal(expected, CatalogImage.UrlFor(baseUrl, imageUrl));

    [Theory]
    [InlineData("other.png")]
    [InlineData("ftp://example.org/simkl-scrobbler.png")]
    public void An_image_url_that_would_not_serve_the_shipped_image_is_refused(string imageUrl)
    {
        var metadata = _metadata with { ImageUrl = imageUrl };

        var error = Assert.Throws<InvalidDataException>(() => PackageBuilder.Build(metadata, PublishFolderWith(), Path.Combine(_directory.Path, "out"), Timestamp));

        Assert.Contains(imageUrl, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_non_png_image_is_refused()
    {
        var fake = Path.Combine(_directory.Path, "simkl-scrobbler.png");
        File.WriteAllText(fake, "<svg/>");

        Assert.Throws<InvalidDataException>(() => PackageBuilder.Build(_metadata with { Image = fake }, PublishFolderWith(), Path.Combine(_directory.Path, "a"), Timestamp));
        Assert.Throws<InvalidDataException>(() => PackageBuilder.Build(_metadata with { Image = fake + ".missing" }, PublishFolderWith(), Path.Combine(_directory.Path, "b"), Timestamp));
    }

    [Fact]
    public void The_committed_manifest_describes_this_plugin()
    {
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "manifest.json")))!.AsArray();

        var package = Assert.Single(catalog);
        Assert.Equal(_metadata.PluginGuid, (string?)package!["guid"]);
        Assert.Equal(_metadata.Name, (string?)package["name"]);
        Assert.Equal(_metadata.Category, (string?)package["category"]);

        // The packager adds imageUrl with the catalog's address; a relative one would make Jellyfin's install fail.
        if (package["imageUrl"] is { } imageUrl)
        {
            Assert.True(Uri.TryCreate((string?)imageUrl, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal), (string?)imageUrl);
        }
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    // The IHDR chunk follows the 8-byte signature: length (4), type (4), then width and height, big-endian.
    private static (int Width, int Height) PngSize(byte[] png)
        => (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    private string PublishFolderWith(params string[] strays)
    {
        var publish = Path.Combine(_directory.Path, "publish");
        Directory.CreateDirectory(publish);
        File.Copy(typeof(Plugin).Assembly.Location, Path.Combine(publish, "Jellyfin.Plugin.Simkl.dll"), overwrite: true);
        foreach (var stray in strays)
        {
            File.WriteAllText(Path.Combine(publish, stray), "not the server's copy");
        }

        return publish;
    }
}
