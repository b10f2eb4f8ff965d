using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Mime;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api.Models;
using Jellyfin.Plugin.Simkl.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The self-service page and its API: any signed-in Jellyfin user links their own Simkl account, sets their own
/// options and sees their own activity. Every action works on the caller's own user id, read from the identity
/// Jellyfin authenticated, never from the request; no response ever carries a token.
/// </summary>
[ApiController]
[Authorize]
[Route("Simkl/Me")]
public class SimklMeController : ControllerBase
{
    /// <summary>
    /// The claim in which Jellyfin's authentication handler puts the caller's user id (<c>InternalClaimTypes.UserId</c>
    /// in Jellyfin.Api, the same in 10.11 and 12.0). Read by name: Jellyfin.Api is not an assembly plugins compile
    /// against.
    /// </summary>
    public const string UserIdClaimType = "Jellyfin-UserId";

    // The page, its scripts and its style are the only things it loads; nothing inline, nothing from elsewhere.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly TimeSpan ReuseCodeFor = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string> PageTemplate = new(() => ReadResource("selfService.html"));
    private static readonly Lazy<string> Script = new(() => ReadResource("selfService.js"));
    private static readonly Lazy<string> UserPanelScript = new(() => ReadResource("userPanel.js"));
    private static readonly Lazy<string> Style = new(() => ReadResource("selfService.css"));

    private readonly IUserDirectory _users;
    private readonly UserSimklOperations _operations;
    private readonly IPluginConfigurationStore _configuration;

    /// <summary>Initializes a new instance of the <see cref="SimklMeController"/> class.</summary>
    /// <param name="users">The server's users.</param>
    /// <param name="operations">What can be done for one user.</param>
    /// <param name="configuration">The plugin configuration.</param>
    public SimklMeController(IUserDirectory users, UserSimklOperations operations, IPluginConfigurationStore configuration)
    {
        _users = users;
        _operations = operations;
        _configuration = configuration;
    }

    /// <summary>Serves the self-service page. Anyone may load it; it signs in with Jellyfin before doing anything.</summary>
    /// <returns>The page.</returns>
    [HttpGet]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ContentResult GetPage()
    {
        var html = PageTemplate.Value
            .Replace("{{base}}", WebUtility.HtmlEncode(Request.PathBase.Value ?? string.Empty), StringComparison.Ordinal)
            .Replace("{{enabled}}", _configuration.Current.SelfServiceEnabled ? "true" : "false", StringComparison.Ordinal);
        return Asset(html, "text/html; charset=utf-8");
    }

    /// <summary>Serves the page's script module.</summary>
    /// <returns>The script.</returns>
    [HttpGet("selfService.js")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ContentResult GetScript() => Asset(Script.Value, "text/javascript; charset=utf-8");

    /// <summary>
    /// Serves the script module this page shares with the administrator's config page. The dashboard loads the config
    /// page's module from an address where a relative import finds nothing of the plugin's, so it imports this one from
    /// here; anonymous, as the page's own script, since a module import sends no Jellyfin session.
    /// </summary>
    /// <returns>The script.</returns>
    [HttpGet("userPanel.js")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ContentResult GetUserPanelScript() => Asset(UserPanelScript.Value, "text/javascript; charset=utf-8");

    /// <summary>Serves the page's style sheet.</summary>
    /// <returns>The style sheet.</returns>
    [HttpGet("selfService.css")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ContentResult GetStyle() => Asset(Style.Value, "text/css; charset=utf-8");

    /// <summary>Gets the caller's link, options and whether linking is possible.</summary>
    /// <returns>The caller's status.</returns>
    [HttpGet("Status")]
    [Produces(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public ActionResult<SelfStatusDto> GetStatus()
    {
        if (Caller(out var user) is { } refused)
        {
            return refused;
        }

        var link = _operations.LinkOf(user.Id);
        return Ok(new SelfStatusDto(user.Id, user.Name, link is not null, link?.SimklUserName, link?.IsBroken ?? false, _operations.HasClientId, _operations.OptionsOf(user.Id)));
    }

    /// <summary>Lists the server's libraries, for the caller's exclusion and anime choices.</summary>
    /// <returns>The libraries.</returns>
    [HttpGet("Libraries")]
    [Produces(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public ActionResult<IReadOnlyList<LibraryDto>> GetLibraries()
        => Caller(out _) is { } refused ? refused : Ok(_operations.Libraries());

    /// <summary>Starts Simkl's PIN flow for the caller; while their pending code is good for two more minutes, shows it again.</summary>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The code to show.</returns>
    [HttpPost("Pin")]
    [Produces(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status502BadGateway)]
    public async Task<ActionResult<PinCodeDto>> StartPin(CancellationToken cancellationToken)
    {
        if (Caller(out var user) is { } refused)
        {
            return refused;
        }

        // Any user may press the button as often as they like; each new code costs a request to Simkl from this
        // server's shared budget. While their code is still good for a while, they get the same code again.
        if (_operations.PendingPinOf(user.Id, ReuseCodeFor) is { } pending)
        {
            return Ok(pending);
        }

        var reply = await _operations.StartPinAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return reply.Code is { } code ? Ok(code) : Problem(title: reply.Title, detail: reply.Detail, statusCode: reply.StatusCode);
    }

    /// <summary>Gets where the caller's PIN flow stands.</summary>
    /// <returns>pending, linked, expired or failed.</returns>
    [HttpGet("Pin")]
    [Produces(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<PinStatusDto> GetPin()
    {
        if (Caller(out var user) is { } refused)
        {
            return refused;
        }

        return _operations.PinStatusOf(user.Id) is { } status
            ? Ok(status)
            : Problem(title: "No PIN code", detail: "You have not asked for a PIN code since the server started.", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>Unlinks the caller: their token is forgotten and tracking stops.</summary>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>No content.</returns>
    [HttpDelete("Link")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<ActionResult> Unlink(CancellationToken cancellationToken)
    {
        if (Caller(out var user) is { } refused)
        {
            return refused;
        }

        await _operations.UnlinkAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return NoContent();
    }

    /// <summary>Gets the caller's last tracking events, newest first.</summary>
    /// <returns>Up to 50 events.</returns>
    [HttpGet("Activity")]
    [Produces(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public ActionResult<IReadOnlyList<ActivityDto>> GetActivity()
        => Caller(out var user) is { } refused ? refused : Ok(_operations.ActivityOf(user.Id));

    /// <summary>Saves the caller's tracking options after the same checks as the administrator's page.</summary>
    /// <param name="options">The options.</param>
    /// <returns>No content, or the problems found.</returns>
    [HttpPut("Options")]
    [Consumes(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public ActionResult SaveOptions([FromBody] UserOptionsDto options)
    {
        if (Caller(out var user) is { } refused)
        {
            return refused;
        }

        var problems = _operations.SaveOptions(user.Id, options);
        if (problems.Count == 0)
        {
            return NoContent();
        }

        foreach (var found in problems)
        {
            ModelState.AddModelError(found.Field, found.Message);
        }

        return ValidationProblem(ModelState);
    }

    private static string ReadResource(string name)
    {
        var path = typeof(SimklMeController).Namespace + ".SelfService." + name;
        using var stream = typeof(SimklMeController).Assembly.GetManifestResourceStream(path)
            ?? throw new InvalidOperationException("The plugin was built without its resource " + path + ".");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private ContentResult Asset(string content, string contentType)
    {
        var headers = Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Content(content, contentType);
    }

    /// <summary>Finds who is asking, from Jellyfin's authentication only; refuses when the page is off.</summary>
    private ObjectResult? Caller(out DirectoryUser user)
    {
        user = null!;
        if (!_configuration.Current.SelfServiceEnabled)
        {
            return Problem(
                title: "Self-service linking is off",
                detail: "The administrator has turned off \"Users can link their own Simkl account\". Ask them to link your Simkl account for you.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var claim = User.FindFirst(UserIdClaimType)?.Value;
        var found = Guid.TryParse(claim, out var id) && id != Guid.Empty ? _users.Find(id) : null;
        if (found is null)
        {
            // An API key authenticates with an empty user id: it is no one, so it has no Simkl account to link.
            return Problem(
                title: "Not a Jellyfin user",
                detail: "Sign in with a Jellyfin user name and password: only a Jellyfin user can link their own Simkl account.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        user = found;
        return null;
    }
}
