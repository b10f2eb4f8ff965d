using System.Net.Http;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>Per-request values the client hands to its handlers.</summary>
internal static class SimklRequestOptions
{
    /// <summary>The user's token; the decorating handler turns it into the Authorization header.</summary>
    public static readonly HttpRequestOptionsKey<SimklToken> Token = new("Simkl.Token");

    /// <summary>A redacted description of the request, safe to log.</summary>
    public static readonly HttpRequestOptionsKey<string> LogName = new("Simkl.LogName");
}
