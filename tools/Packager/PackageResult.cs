namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>A built package: where the zip is, its name and its MD5 (lower-case hex).</summary>
public sealed record PackageResult(string ZipPath, string ZipName, string Checksum);
