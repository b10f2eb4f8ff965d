using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Mime;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api.Models;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using MediaBrowser.Common.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The config page's API: users and their Simkl links, the PIN flow, per-user options, activity and settings.
/// Administrators only; no response ever carries a token.
/// </summary>
[ApiController]
[Authorize(Policy = Policies.RequiresElevation)]
[Route("Simkl")]
[Produces(MediaTypeNames.Application.Json)]
public class SimklController : ControllerBase
{
    private readonly IUserDirectory _users;
    private readonly UserSimklOperations _operations;
    private readonly IPluginConfigurationStore _configuration;

    /// <summary>Initializes a new instance of the <see cref="SimklController"/> class.</summary>
    /// <param name="users">The server's users.</param>
    /// <param name="operations">What can be done for one user.</param>
    /// <param name="configuration">The plugin configuration.</param>
    public SimklController(IUserDirectory users, UserSimklOperations operations, IPluginConfigurationStore configuration)
    {
        _users = users;
        _operations = operations;
        _configuration = configuration;
    }

    /// <summary>Lists every Jellyfin user with their Simkl link, options and latest activity.</summary>
    /// <returns>The users.</returns>
    [HttpGet("Users")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<IReadOnlyList<UserStatusDto>> GetUsers()
        => Ok(_users.GetUsers().Select(StatusOf).ToList());

    /// <summary>Starts Simkl's PIN flow for a user, replacing a pending code.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The code to show.</returns>
    [HttpPost("Users/{userId}/Pin")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status502BadGateway)]
    public async Task<ActionResult<PinCodeDto>> StartPin([FromRoute] string userId, CancellationToken cancellationToken)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        var reply = await _operations.StartPinAsync(user!.Id, cancellationToken).ConfigureAwait(false);
        return reply.Code is { } code ? Ok(code) : Problem(title: reply.Title, detail: reply.Detail, statusCode: reply.StatusCode);
    }

    /// <summary>Gets the state of a user's PIN flow.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <returns>pending, linked, expired or failed.</returns>
    [HttpGet("Users/{userId}/Pin")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<PinStatusDto> GetPin([FromRoute] string userId)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        return _operations.PinStatusOf(user!.Id) is { } status
            ? Ok(status)
            : Problem(title: "No PIN code", detail: "No PIN code was requested for this user since the server started.", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>Unlinks a user: the token is forgotten and tracking stops.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>No content.</returns>
    [HttpDelete("Users/{userId}/Link")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> Unlink([FromRoute] string userId, CancellationToken cancellationToken)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        await _operations.UnlinkAsync(user!.Id, cancellationToken).ConfigureAwait(false);
        return NoContent();
    }

    /// <summary>Gets a user's last tracking events, newest first.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <returns>Up to 50 events.</returns>
    [HttpGet("Users/{userId}/Activity")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<IReadOnlyList<ActivityDto>> GetActivity([FromRoute] string userId)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        return Ok(_operations.ActivityOf(user!.Id));
    }

    /// <summary>Saves a user's tracking options after checking them.</summary>
    /// <param name="userId">The Jellyfin user id.</param>
    /// <param name="options">The options.</param>
    /// <returns>No content, or the problems found.</returns>
    [HttpPut("Users/{userId}/Options")]
    [Consumes(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult SaveOptions([FromRoute] string userId, [FromBody] UserOptionsDto options)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        var problems = _operations.SaveOptions(user!.Id, options);
        if (problems.Count > 0)
        {
            foreach (var found in problems)
            {
                ModelState.AddModelError(found.Field, found.Message);
            }

            return ValidationProblem(ModelState);
        }

        return NoContent();
    }

    /// <summary>Gets the plugin-wide settings.</summary>
    /// <returns>The settings.</returns>
    [HttpGet("Settings")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<SettingsDto> GetSettings()
    {
        var configuration = _configuration.Current;
        return Ok(new SettingsDto(configuration.ClientId ?? string.Empty, _operations.HasClientId, configuration.SimklApiBaseUrl, configuration.Diagnostics.ToString(), configuration.SelfServiceEnabled));
    }

    /// <summary>Saves the plugin-wide settings after checking them.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>No content, or the problems found.</returns>
    [HttpPut("Settings")]
    [Consumes(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public ActionResult SaveSettings([FromBody] SettingsUpdateDto settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clientId = settings.ClientId?.Trim() ?? string.Empty;
        var baseUrl = string.IsNullOrWhiteSpace(settings.SimklApiBaseUrl) ? PluginConfiguration.DefaultSimklApiBaseUrl : settings.SimklApiBaseUrl.Trim().TrimEnd('/');
        if (clientId.Length > 200 || clientId.Any(char.IsWhiteSpace))
        {
            ModelState.AddModelError("clientId", "A Simkl client id is a single word of letters and digits.");
        }

        if (!SimklApiAddress.IsAcceptable(baseUrl, out var url) || !string.IsNullOrEmpty(url.Query))
        {
            ModelState.AddModelError("simklApiBaseUrl", "The Simkl API address must be an https address such as https://api.simkl.com (plain http only to this machine: 127.0.0.1 or localhost), since users' tokens travel with every call.");
        }

        if (!Enum.TryParse<DiagnosticsVerbosity>(settings.Diagnostics ?? nameof(DiagnosticsVerbosity.Normal), true, out var diagnostics) || !Enum.IsDefined(diagnostics))
        {
            ModelState.AddModelError("diagnostics", "Diagnostics must be Normal or Verbose.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var configuration = _configuration.Current;
        configuration.ClientId = clientId;
        configuration.SimklApiBaseUrl = baseUrl;
        configuration.Diagnostics = diagnostics;
        configuration.SelfServiceEnabled = settings.SelfServiceEnabled ?? configuration.SelfServiceEnabled;
        _configuration.Save(configuration);
        return NoContent();
    }

    /// <summary>Lists the server's libraries, for the exclusion and anime choices.</summary>
    /// <returns>The libraries.</returns>
    [HttpGet("Libraries")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<IReadOnlyList<LibraryDto>> GetLibraries() => Ok(_operations.Libraries());

    private ObjectResult? FindUser(string userId, out DirectoryUser? user)
    {
        user = null;
        if (!Guid.TryParse(userId, out var id) || id == Guid.Empty)
        {
            return Problem(title: "Malformed user id", detail: "The user id must be a GUID.", statusCode: StatusCodes.Status400BadRequest);
        }

        user = _users.Find(id);
        return user is null
            ? Problem(title: "Unknown user", detail: "There is no Jellyfin user with this id.", statusCode: StatusCodes.Status404NotFound)
            : null;
    }

    private UserStatusDto StatusOf(DirectoryUser user)
    {
        var link = _operations.LinkOf(user.Id);
        return new UserStatusDto(
            user.Id,
            user.Name,
            link is not null,
            link?.SimklUserName,
            link?.IsBroken ?? false,
            _operations.OptionsOf(user.Id),
            _operations.LatestOf(user.Id));
    }
}
