using System;
using System.Collections.Generic;
using System.Net.Mime;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api.Models;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Common.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// History sync per user, for administrators: the last sync of each kind, a preview count, and "sync now".
/// </summary>
[ApiController]
[Authorize(Policy = Policies.RequiresElevation)]
[Route("Simkl/Users/{userId}/Sync")]
[Produces(MediaTypeNames.Application.Json)]
public class SimklSyncController : ControllerBase
{
    private readonly IUserDirectory _users;
    private readonly ISimklAccountStore _accounts;
    private readonly IUserHistorySync _sync;
    private readonly IUserSyncOptionsSource _options;

    /// <summary>Initializes a new instance of the <see cref="SimklSyncController"/> class.</summary>
    /// <param name="users">The Jellyfin users.</param>
    /// <param name="accounts">The linked accounts.</param>
    /// <param name="sync">History sync per user.</param>
    /// <param name="options">The users' sync switches.</param>
    public SimklSyncController(IUserDirectory users, ISimklAccountStore accounts, IUserHistorySync sync, IUserSyncOptionsSource options)
    {
        _users = users;
        _accounts = accounts;
        _sync = sync;
        _options = options;
    }

    /// <summary>Gets the user's history-sync switches and the last export, import and followed marks.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status.</returns>
    [HttpGet]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SyncStatusDto>> GetSync([FromRoute] string userId, CancellationToken cancellationToken)
    {
        if (FindUser(userId, out var id) is { } problem)
        {
            return problem;
        }

        var options = _options.Get(id);
        var last = await _sync.GetLastRunsAsync(id, cancellationToken).ConfigureAwait(false);
        return Ok(new SyncStatusDto(
            options.ExportEnabled,
            options.ImportEnabled,
            options.FollowMarkPlayed,
            options.AllowUnmark,
            Dto(last.GetValueOrDefault(SyncRunKind.Export)),
            Dto(last.GetValueOrDefault(SyncRunKind.Import)),
            Dto(last.GetValueOrDefault(SyncRunKind.Follow))));
    }

    /// <summary>Sends the user's watch history to Simkl now, or with <paramref name="preview"/> only counts what would be sent.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="preview">Count only.</param>
    /// <param name="cancellationToken">Stops the run (it resumes next time).</param>
    /// <returns>What was (or would be) sent.</returns>
    [HttpPost("Export")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<SyncRunDto>> Export([FromRoute] string userId, [FromQuery] bool preview, CancellationToken cancellationToken)
    {
        if ((FindUser(userId, out var id) ?? NotLinked(id)) is { } problem)
        {
            return problem;
        }

        var summary = preview
            ? await _sync.PreviewExportAsync(id, cancellationToken).ConfigureAwait(false)
            : await _sync.ExportAsync(id, null, cancellationToken).ConfigureAwait(false);
        return Ok(Dto(summary, preview ? "preview" : null));
    }

    /// <summary>Marks items played from the user's Simkl history now.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>What was matched and marked played.</returns>
    [HttpPost("Import")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<SyncRunDto>> Import([FromRoute] string userId, CancellationToken cancellationToken)
    {
        if ((FindUser(userId, out var id) ?? NotLinked(id)) is { } problem)
        {
            return problem;
        }

        var summary = await _sync.ImportAsync(id, cancellationToken).ConfigureAwait(false);
        return Ok(Dto(summary));
    }

    private static SyncRunDto? Dto(SyncRunSummary? summary, string? kind = null)
        => summary is null
            ? null
            : new SyncRunDto(
                kind ?? summary.Kind.ToString().ToLowerInvariant(),
                summary.StartedAt,
                summary.FinishedAt,
                summary.Completed,
                summary.Sent,
                summary.Matched,
                summary.NotFound,
                summary.MarkedPlayed,
                summary.Skipped,
                summary.Removed,
                summary.Message);

    private ObjectResult? NotLinked(Guid id)
        => _accounts.Find(id) is { IsBroken: false }
            ? null
            : Problem(title: "Not linked", detail: "The user is not linked with Simkl (or the link is broken); link first.", statusCode: StatusCodes.Status409Conflict);

    private ObjectResult? FindUser(string userId, out Guid id)
    {
        if (!Guid.TryParse(userId, out id) || id == Guid.Empty)
        {
            return Problem(title: "Malformed user id", detail: "The user id must be a GUID.", statusCode: StatusCodes.Status400BadRequest);
        }

        return _users.Find(id) is null
            ? Problem(title: "Unknown user", detail: "There is no Jellyfin user with this id.", statusCode: StatusCodes.Status404NotFound)
            : null;
    }
}
