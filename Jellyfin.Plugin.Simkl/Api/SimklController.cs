using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Mime;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api.Dto;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using MediaBrowser.Common.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The plugin's HTTP interface for the configuration page. Administrators only; no response ever holds a token.
/// </summary>
[ApiController]
[Route("Simkl")]
[Authorize(Policy = Policies.RequiresElevation)]
[Produces(MediaTypeNames.Application.Json)]
public sealed class SimklController : ControllerBase
{
    private static readonly HashSet<ActivityAction> ScrobbleActions = [ActivityAction.Start, ActivityAction.Pause, ActivityAction.Stop, ActivityAction.MarkWatched];

    private readonly IServerUserDirectory _users;
    private readonly IServerLibraryDirectory _libraries;
    private readonly ISimklAccountStore _accounts;
    private readonly IActivityLog _activity;
    private readonly PinLinkCoordinator _pins;
    private readonly UserOptionsEditor _options;
    private readonly ISimklConnectionSettings _connection;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SimklController"/> class.</summary>
    /// <param name="users">The server's users.</param>
    /// <param name="libraries">The server's libraries.</param>
    /// <param name="accounts">The Simkl links.</param>
    /// <param name="activity">The tracking events.</param>
    /// <param name="pins">The PIN flows.</param>
    /// <param name="options">The per-user options.</param>
    /// <param name="connection">Which Simkl app the server is.</param>
    /// <param name="time">The clock.</param>
    public SimklController(
        IServerUserDirectory users,
        IServerLibraryDirectory libraries,
        ISimklAccountStore accounts,
        IActivityLog activity,
        PinLinkCoordinator pins,
        UserOptionsEditor options,
        ISimklConnectionSettings connection,
        TimeProvider time)
    {
        _users = users;
        _libraries = libraries;
        _accounts = accounts;
        _activity = activity;
        _pins = pins;
        _options = options;
        _connection = connection;
        _time = time;
    }

    /// <summary>Whether Simkl can be asked (a client id is set), and the server's libraries.</summary>
    /// <returns>The status.</returns>
    [HttpGet("Status")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<SimklStatusDto> GetStatus()
    {
        var clientId = _connection.ClientId;
        return new SimklStatusDto(
            !string.IsNullOrWhiteSpace(clientId),
            !string.IsNullOrWhiteSpace(clientId) && clientId == PluginBuildInfo.DefaultClientId,
            _libraries.GetLibraries().Select(l => new LibraryDto(l.Id, l.Name)).ToList(),
            PluginBuildInfo.Version);
    }

    /// <summary>Every Jellyfin user with their link state, options and last scrobble.</summary>
    /// <returns>The users.</returns>
    [HttpGet("Users")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public ActionResult<IReadOnlyList<SimklUserDto>> GetUsers()
        => _users.GetUsers().Select(ToDto).ToList();

    /// <summary>Starts the PIN flow for a user; a code still pending for them is replaced.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the request to Simkl.</param>
    /// <returns>The code to show and where to enter it.</returns>
    [HttpPost("Users/{userId}/Pin")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status502BadGateway)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<PinStartedDto>> StartPin([FromRoute] string userId, CancellationToken cancellationToken)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        var result = await _pins.StartAsync(user.Id, cancellationToken).ConfigureAwait(false);
        if (result is { Outcome: PinStartOutcome.Started, UserCode: { } code, VerificationUrl: { } url, ExpiresAt: { } expiresAt })
        {
            return new PinStartedDto(code, url, expiresAt, SecondsUntil(expiresAt));
        }

        var (status, reason) = result.Outcome switch
        {
            PinStartOutcome.NoClientId => (StatusCodes.Status409Conflict, "noClientId"),
            PinStartOutcome.Unreachable => (StatusCodes.Status503ServiceUnavailable, "unreachable"),
            _ => (StatusCodes.Status502BadGateway, "refused"),
        };
        return Failure(status, reason, result.Message ?? "Simkl could not start linking.");
    }

    /// <summary>The state of a user's PIN flow.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns><c>pending</c>, <c>linked</c>, <c>expired</c> or <c>failed</c>.</returns>
    [HttpGet("Users/{userId}/Pin")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<PinStateDto> GetPin([FromRoute] string userId)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        if (_pins.GetStatus(user.Id) is { } status)
        {
            var pending = status.State == PinFlowState.Pending;
            return new PinStateDto(
                status.State.ToString().ToLowerInvariant(),
                status.SimklUserName,
                status.Message,
                pending ? status.ExpiresAt : null,
                pending ? SecondsUntil(status.ExpiresAt) : null);
        }

        if (_accounts.Find(user.Id) is { IsBroken: false } link)
        {
            return new PinStateDto("linked", link.SimklUserName, null, null, null);
        }

        return Failure(StatusCodes.Status404NotFound, "noPin", "No Simkl code was requested for this user. Use \"Link with Simkl\" to get one.");
    }

    /// <summary>Unlinks a user: the token is forgotten.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
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

        _pins.Forget(user.Id);
        await _accounts.UnlinkAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return NoContent();
    }

    /// <summary>The last tracking events of a user, newest first.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>At most 50 events.</returns>
    [HttpGet("Users/{userId}/Activity")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<IReadOnlyList<ActivityEntryDto>> GetActivity([FromRoute] string userId)
    {
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        return _activity.GetRecent(user.Id).Select(ToDto).ToList();
    }

    /// <summary>Validates and saves a user's tracking options.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="options">The options.</param>
    /// <returns>The saved options, or what is wrong with them.</returns>
    [HttpPut("Users/{userId}/Options")]
    [Consumes(MediaTypeNames.Application.Json)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<UserOptionsDto> SaveOptions([FromRoute] string userId, [FromBody] UserOptionsDto options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (FindUser(userId, out var user) is { } problem)
        {
            return problem;
        }

        var problems = _options.Save(options.ToConfiguration(user.Id));
        if (problems.Count > 0)
        {
            var errors = new ModelStateDictionary();
            foreach (var item in problems)
            {
                errors.AddModelError(JsonName(item.Field), item.Message);
            }

            return ValidationProblem(detail: string.Join(" ", problems.Select(p => p.Message)), modelStateDictionary: errors);
        }

        return UserOptionsDto.From(_options.Get(user.Id));
    }

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    private static string CamelCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => JsonName(value.ToString());

    private static ActivityEntryDto ToDto(ActivityEntry entry)
        => new(entry.Time, entry.ItemName, CamelCase(entry.Action), CamelCase(entry.Outcome), entry.Reason);

    private int SecondsUntil(DateTimeOffset time) => Math.Max(0, (int)Math.Ceiling((time - _time.GetUtcNow()).TotalSeconds));

    private SimklUserDto ToDto(ServerUser user)
    {
        var link = _accounts.Find(user.Id);
        var last = _activity.GetRecent(user.Id).FirstOrDefault(e => ScrobbleActions.Contains(e.Action));
        return new SimklUserDto(
            user.Id,
            user.Name,
            link is not null,
            link?.SimklUserName,
            link?.IsBroken ?? false,
            link?.LinkedAt,
            UserOptionsDto.From(_options.Get(user.Id)),
            last?.Time,
            last is null ? null : CamelCase(last.Outcome),
            last?.ItemName);
    }

    private ObjectResult? FindUser(string userId, out ServerUser user)
    {
        user = null!;
        if (!Guid.TryParse(userId, out var id) || id == Guid.Empty)
        {
            return Failure(StatusCodes.Status400BadRequest, "badUserId", "The user id is not a valid id.");
        }

        if (_users.Find(id) is not { } found)
        {
            return Failure(StatusCodes.Status404NotFound, "unknownUser", "There is no Jellyfin user with this id.");
        }

        user = found;
        return null;
    }

    private ObjectResult Failure(int status, string code, string message)
    {
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, status, detail: message);
        problem.Extensions["code"] = code;
        return new ObjectResult(problem) { StatusCode = status };
    }
}
