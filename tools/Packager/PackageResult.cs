namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>A built package: where the zip is, its name, its MD5 (lower-case hex), and the thumbnail's file name (in the zip and next to it).</summary>
public sealed record PackageResult(string ZipPath, string ZipName, string Checksum, string ImageName);
