using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Mime;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
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
    private readonly ISimklAccountStore _accounts;
    private readonly IPinLinkService _pins;
    private readonly IActivityLog _activity;
    private readonly IPluginConfigurationStore _configuration;
    private readonly ILibraryDirectory _libraries;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SimklController"/> class.</summary>
    /// <param name="users">The server's users.</param>
    /// <param name="accounts">The linked Simkl accounts.</param>
    /// <param name="pins">The PIN flow.</param>
    /// <param name="activity">The per-user activity log.</param>
    /// <param name="configuration">The plugin configuration.</param>
    /// <param name="libraries">The server's libraries.</param>
    /// <param name="time">The clock.</param>
    public SimklController(IUserDirectory users, ISimklAccountStore accounts, IPinLinkService pins, IActivityLog activity, IPluginConfigurationStore configuration, ILibraryDirectory libraries, TimeProvider time)
    {
        _time = time;
        _users = users;
        _accounts = accounts;
        _pins = pins;
        _activity = activity;
        _configuration = configuration;
        _libraries = libraries;
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

        if (string.IsNullOrWhiteSpace(EffectiveClientId()))
        {
            return Problem(
                title: "No Simkl client id",
                detail: "No Simkl client id is set. Create an app at https://simkl.com/settings/developer/ and paste its client id under Simkl app.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var result = await _pins.StartAsync(user!.Id, cancellationToken).ConfigureAwait(false);
        if (result.Status is { } status)
        {
            var expiresIn = (int)Math.Max(0, (status.ExpiresAt - _time.GetUtcNow()).TotalSeconds);
            return Ok(new PinCodeDto(status.UserCode, status.VerificationUrl, status.ExpiresAt, expiresIn));
        }

        return result.Failure == SimklOutcome.InvalidClient
            ? Problem(title: "Simkl rejected the client id", detail: result.Message, statusCode: StatusCodes.Status409Conflict)
            : Problem(title: "Simkl is unreachable", detail: result.Message, statusCode: StatusCodes.Status502BadGateway);
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

        var status = _pins.Find(user!.Id);
        if (status is null)
        {
            return Problem(title: "No PIN code", detail: "No PIN code was requested for this user since the server started.", statusCode: StatusCodes.Status404NotFound);
        }

        var pending = status.State == PinLinkState.Pending;
        return Ok(new PinStatusDto(
            status.State.ToString().ToLowerInvariant(),
            pending ? status.UserCode : null,
            pending ? status.VerificationUrl : null,
            pending ? status.ExpiresAt : null,
            status.SimklUserName,
            status.Message));
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

        _pins.Cancel(user!.Id);
        await _accounts.UnlinkAsync(user.Id, cancellationToken).ConfigureAwait(false);
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

        return Ok(_activity.GetRecent(user!.Id)
            .Select(e => new ActivityDto(e.Time, e.ItemName, Camel(e.Action.ToString()), Camel(e.Outcome.ToString()), e.Reason))
            .ToList());
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

        ArgumentNullException.ThrowIfNull(options);
        var updated = new UserConfiguration
        {
            UserId = user!.Id,
            TrackingEnabled = options.TrackingEnabled,
            TrackMovies = options.TrackMovies,
            TrackShows = options.TrackShows,
            TrackAnime = options.TrackAnime,
            ExcludedLibraryIds = (options.ExcludedLibraryIds ?? []).Distinct().ToArray(),
            AnimeLibraryIds = (options.AnimeLibraryIds ?? []).Distinct().ToArray(),
            MinimumDurationSeconds = options.MinimumDurationSeconds,
            CompletionThresholdPercent = options.CompletionThresholdPercent,
        };
        var libraries = _libraries.GetLibraries().Select(l => l.Id).ToHashSet();
        var problems = UserConfigurationValidator.Validate(updated, libraries);
        if (problems.Count > 0)
        {
            foreach (var found in problems)
            {
                ModelState.AddModelError(Camel(found.Field), found.Message);
            }

            return ValidationProblem(ModelState);
        }

        _configuration.Update(configuration => configuration.Users = [.. (configuration.Users ?? []).Where(u => u.UserId != user.Id), updated]);
        return NoContent();
    }

    /// <summary>Gets the plugin-wide settings.</summary>
    /// <returns>The settings.</returns>
    [HttpGet("Settings")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<SettingsDto> GetSettings()
    {
        var configuration = _configuration.Current;
        return Ok(new SettingsDto(configuration.ClientId ?? string.Empty, !string.IsNullOrWhiteSpace(EffectiveClientId()), configuration.SimklApiBaseUrl, configuration.Diagnostics.ToString()));
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

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.Query))
        {
            ModelState.AddModelError("simklApiBaseUrl", "The Simkl API address must be an http(s) address such as https://api.simkl.com.");
        }

        if (!Enum.TryParse<DiagnosticsVerbosity>(settings.Diagnostics ?? nameof(DiagnosticsVerbosity.Normal), true, out var diagnostics) || !Enum.IsDefined(diagnostics))
        {
            ModelState.AddModelError("diagnostics", "Diagnostics must be Normal or Verbose.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        _configuration.Update(configuration =>
        {
            configuration.ClientId = clientId;
            configuration.SimklApiBaseUrl = baseUrl;
            configuration.Diagnostics = diagnostics;
        });
        return NoContent();
    }

    /// <summary>Lists the server's libraries, for the exclusion and anime choices.</summary>
    /// <returns>The libraries.</returns>
    [HttpGet("Libraries")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<IReadOnlyList<LibraryDto>> GetLibraries() => Ok(_libraries.GetLibraries().Select(l => new LibraryDto(l.Id, l.Name)).ToList());

    private static string Camel(string name) => string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private string EffectiveClientId()
        => string.IsNullOrWhiteSpace(_configuration.Current.ClientId) ? PluginBuildInfo.DefaultClientId : _configuration.Current.ClientId;

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
        var link = _accounts.Find(user.Id);
        var options = (_configuration.Current.Users ?? []).FirstOrDefault(u => u.UserId == user.Id) ?? new UserConfiguration { UserId = user.Id };
        var recent = _activity.GetRecent(user.Id);
        var latest = recent.Count > 0 ? recent[0] : null;
        return new UserStatusDto(
            user.Id,
            user.Name,
            link is not null,
            link?.SimklUserName,
            link?.IsBroken ?? false,
            new UserOptionsDto(
                options.TrackingEnabled,
                options.TrackMovies,
                options.TrackShows,
                options.TrackAnime,
                options.ExcludedLibraryIds ?? [],
                options.AnimeLibraryIds ?? [],
                options.MinimumDurationSeconds,
                options.CompletionThresholdPercent),
            latest is null ? null : new LastScrobbleDto(latest.Time, latest.ItemName, Camel(latest.Action.ToString()), Camel(latest.Outcome.ToString())));
    }
}
