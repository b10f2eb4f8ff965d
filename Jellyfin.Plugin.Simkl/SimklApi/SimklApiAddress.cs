using System;
using System.Diagnostics.CodeAnalysis;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>
/// Which Simkl API addresses the plugin accepts: <c>https</c>, or plain <c>http</c> only to this machine (a test
/// server or a local proxy). Users' tokens travel with every call, so they never cross a network unencrypted.
/// </summary>
public static class SimklApiAddress
{
    /// <summary>Answers whether an address may be used as the Simkl API's base address.</summary>
    /// <param name="text">The address as configured.</param>
    /// <param name="url">The parsed address, when acceptable.</param>
    /// <returns>Whether it is acceptable.</returns>
    public static bool IsAcceptable(string? text, [NotNullWhen(true)] out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed))
        {
            return false;
        }

        var acceptable = parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback);
        url = acceptable ? parsed : null;
        return acceptable;
    }
}
