using System.Text.RegularExpressions;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>
/// Masks what must never reach a log line or an exception message: tokens, PIN codes and secrets, whether they sit in a
/// query string, a JSON body, a header or a PIN URL path (as Simkl's own request log masks them).
/// </summary>
internal static partial class SimklLogRedactor
{
    private const string Mask = "***";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        text = QueryOrFormValue().Replace(text, m => m.Groups["key"].Value + "=" + Mask);
        text = JsonValue().Replace(text, m => m.Groups["prefix"].Value + Mask + "\"");
        text = BearerValue().Replace(text, "Bearer " + Mask);
        return PinPath().Replace(text, "/oauth/pin/" + Mask);
    }

    [GeneratedRegex(@"(?<key>access_token|refresh_token|client_secret|code|user_code|device_code|pin|token)=[^&\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryOrFormValue();

    [GeneratedRegex(@"(?<prefix>""(?:access_token|refresh_token|client_secret|code|user_code|device_code|pin|token)""\s*:\s*"")[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonValue();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-\._~\+/=]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BearerValue();

    [GeneratedRegex(@"/oauth/pin/[^/?\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PinPath();
}
