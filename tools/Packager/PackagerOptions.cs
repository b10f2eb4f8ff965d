using System;
using System.Globalization;
using System.IO;

namespace Jellyfin.Plugin.Simkl.Packager;

/// <summary>The packager's command line.</summary>
public sealed record PackagerOptions(string BaseUrl, string Output, string JellyfinApi, string? Manifest, DateTimeOffset? Timestamp)
{
    public static PackagerOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? baseUrl = null, manifest = null;
        string output = "artifacts", jellyfinApi = "StandIn";
        DateTimeOffset? timestamp = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--base-url": baseUrl = Value(); break;
                case "--output": output = Value(); break;
                case "--jellyfin-api": jellyfinApi = Value(); break;
                case "--manifest": manifest = Value(); break;
                case "--timestamp": timestamp = DateTimeOffset.Parse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Usage: --base-url URL [--output DIR] [--jellyfin-api StandIn|Package] [--manifest FILE] [--timestamp ISO-8601]");
            }
        }

        if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("--base-url must be the http(s) URL of the folder where the zip will be served.");
        }

        if (jellyfinApi is not ("StandIn" or "Package"))
        {
            throw new ArgumentException("--jellyfin-api must be StandIn or Package.");
        }

        return new PackagerOptions(baseUrl, output, jellyfinApi, manifest, timestamp);
    }

    public static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.yaml")) && File.Exists(Path.Combine(directory.FullName, "Jellyfin.Plugin.Simkl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the packager inside the repository (no build.yaml found above " + start + ").");
    }
}
