using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// Stands in for Jellyfin's authentication handler, with the same claims (name, role, <c>Jellyfin-UserId</c> in
/// "N" format, <c>Jellyfin-IsApiKey</c>). A test picks who it is with header X-Test-User: "admin" (an administrator),
/// "user" (a user who is not an administrator and not in the user list), "apikey" (an API key: administrator role,
/// empty user id, as in Jellyfin), or a user id of the host (that user, with their role). A browser signs in like
/// the real web client and sends <c>Authorization: MediaBrowser Token="..."</c>.
/// </summary>
public sealed partial class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TestIdentities identities)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";
    public const string ApiKey = "apikey";

    /// <summary>The header value that acts as the given user.</summary>
    public static string As(Guid userId) => userId.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Reads the token from a Jellyfin authorization header, as Jellyfin does (MediaBrowser scheme, URL-decoded values).</summary>
    public static string? TokenOf(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("MediaBrowser ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = TokenPattern().Match(authorization);
        return match.Success ? WebUtility.UrlDecode(match.Groups[1].Value) : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var who = Request.Headers[Header].ToString();
        var result = who switch
        {
            "admin" => Ticket(TestIdentities.AdministratorId, "admin", true),
            "user" => Ticket(Guid.Parse("b0b0b0b0-0000-4000-8000-00000000b0b0"), "someone", false),
            ApiKey => Ticket(Guid.Empty, string.Empty, true, isApiKey: true),
            _ when Guid.TryParse(who, out var id) && identities.Find(id) is { } account => Ticket(id, account.User.Username, account.IsAdministrator),
            _ when TokenOf(Request.Headers.Authorization.ToString()) is { } token => identities.FindToken(token) is { } owner && identities.Find(owner) is { } signedIn
                ? Ticket(owner, signedIn.User.Username, signedIn.IsAdministrator)
                : AuthenticateResult.NoResult(),
            _ => AuthenticateResult.NoResult(),
        };
        return Task.FromResult(result);
    }

    private static AuthenticateResult Ticket(Guid userId, string name, bool administrator, bool isApiKey = false)
    {
        // Jellyfin's RequiresElevation policy is satisfied by the administrator role.
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, administrator ? "Administrator" : "User"),
            new(SimklMeController.UserIdClaimType, userId.ToString("N", CultureInfo.InvariantCulture)),
            new("Jellyfin-IsApiKey", isApiKey.ToString(CultureInfo.InvariantCulture)),
        };
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    [GeneratedRegex("(?:^|[ ,])Token=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
