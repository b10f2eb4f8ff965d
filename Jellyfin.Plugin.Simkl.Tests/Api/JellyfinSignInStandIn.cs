using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// The few routes of Jellyfin 10.11 the self-service page calls besides the plugin's, answering as Jellyfin does:
/// <c>POST /Users/AuthenticateByName</c> (body <c>{Username, Pw}</c>, an <c>Authorization: MediaBrowser Client=...,
/// Device=..., DeviceId=..., Version=...</c> header required; 401 for a wrong name or password; an
/// <c>AuthenticationResult</c> with <c>User</c>, <c>SessionInfo</c>, <c>AccessToken</c>, <c>ServerId</c>),
/// <c>GET /System/Info/Public</c> (the server's <c>Id</c>) and <c>POST /Sessions/Logout</c>.
/// </summary>
public static class JellyfinSignInStandIn
{
    public static void Map(WebApplication app, TestIdentities identities)
    {
        app.MapPost("/Users/AuthenticateByName", (HttpRequest request) => AuthenticateAsync(request, identities));
        app.MapGet("/System/Info/Public", () => Results.Json(
            new JsonObject
            {
                ["LocalAddress"] = "http://127.0.0.1",
                ["ServerName"] = "test",
                ["Version"] = "10.11.11",
                ["ProductName"] = "Jellyfin Server",
                ["OperatingSystem"] = string.Empty,
                ["Id"] = identities.ServerId,
                ["StartupWizardCompleted"] = true,
            }));
        app.MapPost("/Sessions/Logout", (HttpRequest request) =>
        {
            var token = TestAuthHandler.TokenOf(request.Headers.Authorization.ToString());
            if (token is null || identities.FindToken(token) is null)
            {
                return Results.Unauthorized();
            }

            identities.Revoke(token);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, TestIdentities identities)
    {
        // Jellyfin's session manager requires every one of these (ArgumentException, answered 400).
        var header = Parts(request.Headers.Authorization.ToString());
        foreach (var required in new[] { "Client", "Device", "DeviceId", "Version" })
        {
            if (!header.TryGetValue(required, out var value) || string.IsNullOrEmpty(value))
            {
                return Results.Problem(title: "Bad request", detail: $"Value cannot be null or empty. (Parameter '{required}')", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        // Jellyfin reads request bodies case-insensitively.
        string? Field(string name) => body?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
        var account = identities.FindByName(Field("Username"));
        if (body is null || account is null || account.Password != (Field("Pw") ?? string.Empty))
        {
            return Results.Content("Error processing request.", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
        }

        var token = identities.IssueToken(account.User.Id);
        var userId = account.User.Id.ToString("N", CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject
        {
            ["User"] = new JsonObject
            {
                ["Name"] = account.User.Username,
                ["ServerId"] = identities.ServerId,
                ["Id"] = userId,
                ["HasPassword"] = account.Password.Length > 0,
                ["Policy"] = new JsonObject { ["IsAdministrator"] = account.IsAdministrator },
            },
            ["SessionInfo"] = new JsonObject
            {
                ["UserId"] = userId,
                ["UserName"] = account.User.Username,
                ["Client"] = header["Client"],
                ["DeviceId"] = header["DeviceId"],
                ["DeviceName"] = header["Device"],
                ["ApplicationVersion"] = header["Version"],
            },
            ["AccessToken"] = token,
            ["ServerId"] = identities.ServerId,
        });
    }

    /// <summary>Splits <c>MediaBrowser Key="value", ...</c> into its URL-decoded values, as Jellyfin does.</summary>
    private static Dictionary<string, string> Parts(string authorization)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !authorization[..space].Equals("MediaBrowser", StringComparison.OrdinalIgnoreCase))
        {
            return parts;
        }

        foreach (var part in authorization[(space + 1)..].Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals].Trim()] = WebUtility.UrlDecode(part[(equals + 1)..].Trim().Trim('"'));
            }
        }

        return parts;
    }
}
