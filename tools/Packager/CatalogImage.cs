using System;
using System.IO;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>
/// The plugin's thumbnail. Jellyfin shows it from two places: the installed plugin's card reads the file named by
/// meta.json's "imagePath" in the plugin folder, and the catalog shows the manifest's "imageUrl" (the server also
/// downloads that address into the plugin folder at install, so it must be absolute: a relative one fails the install).
/// </summary>
public static class CatalogImage
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Refuses an image that is missing or not a PNG, and an imageUrl that would not serve that file.</summary>
    public static void Check(string imagePath, string imageUrl)
    {
        ArgumentNullException.ThrowIfNull(imageUrl);
        if (!File.Exists(imagePath))
        {
            throw new InvalidDataException($"build.yaml: the image '{imagePath}' does not exist.");
        }

        if (!string.Equals(Path.GetExtension(imagePath), ".png", StringComparison.Ordinal) || !StartsWithPngSignature(imagePath))
        {
            throw new InvalidDataException($"build.yaml: the image '{imagePath}' is not a .png file.");
        }

        if (Uri.TryCreate(imageUrl, UriKind.Absolute, out var absolute))
        {
            if (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidDataException($"build.yaml: imageUrl '{imageUrl}' must be http(s).");
            }
        }
        else if (imageUrl != Path.GetFileName(imagePath))
        {
            throw new InvalidDataException(
                $"build.yaml: imageUrl '{imageUrl}' must be the image's file name ({Path.GetFileName(imagePath)}), which the packager writes next to the zip, or an absolute http(s) address.");
        }
    }

    /// <summary>The manifest's imageUrl: an absolute imageUrl as it is, a file name under the catalog's base URL.</summary>
    public static string UrlFor(string baseUrl, string imageUrl)
        => Uri.TryCreate(imageUrl, UriKind.Absolute, out var absolute)
            ? absolute.AbsoluteUri
            : baseUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(imageUrl);

    private static bool StartsWithPngSignature(string path)
    {
        var head = new byte[PngSignature.Length];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(PngSignature);
    }
}
