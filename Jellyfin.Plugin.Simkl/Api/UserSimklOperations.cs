using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api.Models;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.AspNetCore.Http;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// What can be done for one Jellyfin user, whoever asks: the administrator's page for any user, the self-service page
/// for the signed-in user only. Both pages go through here, so they link, validate and describe alike. Never returns
/// a token.
/// </summary>
public sealed class UserSimklOperations
{
    private readonly ISimklAccountStore _accounts;
    private readonly IPinLinkService _pins;
    private readonly IActivityLog _activity;
    private readonly IPluginConfigurationStore _configuration;
    private readonly ILibraryDirectory _libraries;
    private readonly TimeProvider _time;

    // Options of different users live in one configuration object: one read-modify-save at a time keeps a user's
    // save from undoing another's made at the same moment (the administrator and a user, or two users).
    private readonly Lock _saveLock = new();

    /// <summary>Initializes a new instance of the <see cref="UserSimklOperations"/> class.</summary>
    /// <param name="accounts">The linked Simkl accounts.</param>
    /// <param name="pins">The PIN flow.</param>
    /// <param name="activity">The per-user activity log.</param>
    /// <param name="configuration">The plugin configuration.</param>
    /// <param name="libraries">The server's libraries.</param>
    /// <param name="time">The clock.</param>
    public UserSimklOperations(ISimklAccountStore accounts, IPinLinkService pins, IActivityLog activity, IPluginConfigurationStore configuration, ILibraryDirectory libraries, TimeProvider time)
    {
        _accounts = accounts;
        _pins = pins;
        _activity = activity;
        _configuration = configuration;
        _libraries = libraries;
        _time = time;
    }

    /// <summary>Gets a value indicating whether a Simkl client id is available (entered, or built into this release).</summary>
    public bool HasClientId => !string.IsNullOrWhiteSpace(EffectiveClientId);

    private string EffectiveClientId
        => string.IsNullOrWhiteSpace(_configuration.Current.ClientId) ? PluginBuildInfo.DefaultClientId : _configuration.Current.ClientId;

    /// <summary>Gets a user's link.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The link, or null.</returns>
    public SimklAccountLink? LinkOf(Guid userId) => _accounts.Find(userId);

    /// <summary>Gets a user's tracking options (the defaults when they never saved any).</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The options.</returns>
    public UserOptionsDto OptionsOf(Guid userId)
    {
        var options = (_configuration.Current.Users ?? []).FirstOrDefault(u => u.UserId == userId) ?? new UserConfiguration { UserId = userId };
        return new UserOptionsDto(
            options.TrackingEnabled,
            options.TrackMovies,
            options.TrackShows,
            options.TrackAnime,
            options.ExcludedLibraryIds ?? [],
            options.AnimeLibraryIds ?? [],
            options.MinimumDurationSeconds,
            options.CompletionThresholdPercent,
            options.ExportHistory,
            options.ImportHistory,
            options.FollowMarkPlayed,
            options.AllowUnmark);
    }

    /// <summary>Gets a user's last tracking events, newest first, in words.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<ActivityDto> ActivityOf(Guid userId)
        => _activity.GetRecent(userId)
            .Select(e => new ActivityDto(e.Time, e.ItemName, Camel(e.Action.ToString()), Camel(e.Outcome.ToString()), e.Reason, ActivityText.Of(e.Action), ActivityText.Of(e.Outcome)))
            .ToList();

    /// <summary>Gets a user's latest tracking event.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The event, or null.</returns>
    public LastScrobbleDto? LatestOf(Guid userId)
    {
        var recent = _activity.GetRecent(userId);
        if (recent.Count == 0)
        {
            return null;
        }

        var latest = recent[0];
        return new LastScrobbleDto(latest.Time, latest.ItemName, Camel(latest.Action.ToString()), Camel(latest.Outcome.ToString()), ActivityText.Of(latest.Action), ActivityText.Of(latest.Outcome));
    }

    /// <summary>Lists the server's libraries.</summary>
    /// <returns>The libraries.</returns>
    public IReadOnlyList<LibraryDto> Libraries() => _libraries.GetLibraries().Select(l => new LibraryDto(l.Id, l.Name)).ToList();

    /// <summary>Checks a user's options and saves them when they are valid.</summary>
    /// <param name="userId">The Jellyfin user whose options these are.</param>
    /// <param name="options">The options.</param>
    /// <returns>What is wrong (field in camelCase, message); empty when saved.</returns>
    public IReadOnlyList<ValidationProblem> SaveOptions(Guid userId, UserOptionsDto options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var updated = new UserConfiguration
        {
            UserId = userId,
            TrackingEnabled = options.TrackingEnabled,
            TrackMovies = options.TrackMovies,
            TrackShows = options.TrackShows,
            TrackAnime = options.TrackAnime,
            ExcludedLibraryIds = (options.ExcludedLibraryIds ?? []).Distinct().ToArray(),
            AnimeLibraryIds = (options.AnimeLibraryIds ?? []).Distinct().ToArray(),
            MinimumDurationSeconds = options.MinimumDurationSeconds,
            CompletionThresholdPercent = options.CompletionThresholdPercent,
            ExportHistory = options.ExportHistory,
            ImportHistory = options.ImportHistory,
            FollowMarkPlayed = options.FollowMarkPlayed,
            AllowUnmark = options.AllowUnmark,
        };
        var libraries = _libraries.GetLibraries().Select(l => l.Id).ToHashSet();
        var problems = UserConfigurationValidator.Validate(updated, libraries);
        if (problems.Count > 0)
        {
            return problems.Select(p => p with { Field = Camel(p.Field) }).ToList();
        }

        lock (_saveLock)
        {
            var configuration = _configuration.Current;
            configuration.Users = [.. (configuration.Users ?? []).Where(u => u.UserId != userId), updated];
            _configuration.Save(configuration);
        }

        return [];
    }

    /// <summary>Starts Simkl's PIN flow for a user, replacing a pending code.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The code, or the problem.</returns>
    public async Task<PinStartReply> StartPinAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!HasClientId)
        {
            return new PinStartReply(
                null,
                StatusCodes.Status409Conflict,
                "No Simkl client id",
                "No Simkl client id is set. Create an app at https://simkl.com/settings/developer/ and paste its client id under Simkl app.");
        }

        var result = await _pins.StartAsync(userId, cancellationToken).ConfigureAwait(false);
        if (result.Status is { } status)
        {
            var expiresIn = (int)Math.Max(0, (status.ExpiresAt - _time.GetUtcNow()).TotalSeconds);
            return new PinStartReply(new PinCodeDto(status.UserCode, status.VerificationUrl, status.ExpiresAt, expiresIn));
        }

        return result.Failure == SimklOutcome.InvalidClient
            ? new PinStartReply(null, StatusCodes.Status409Conflict, "Simkl rejected the client id", result.Message)
            : new PinStartReply(null, StatusCodes.Status502BadGateway, "Simkl is unreachable", result.Message);
    }

    /// <summary>Gets the user's pending code while it stays valid for at least <paramref name="atLeast"/>.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="atLeast">How long the code must still be valid.</param>
    /// <returns>The code, or null when there is none worth showing again.</returns>
    public PinCodeDto? PendingPinOf(Guid userId, TimeSpan atLeast)
    {
        var status = _pins.Find(userId);
        var left = status is null ? TimeSpan.Zero : status.ExpiresAt - _time.GetUtcNow();
        return status is { State: PinLinkState.Pending } && left >= atLeast
            ? new PinCodeDto(status.UserCode, status.VerificationUrl, status.ExpiresAt, (int)left.TotalSeconds)
            : null;
    }

    /// <summary>Gets where a user's PIN flow stands.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The state, or null when no code was requested since the server started.</returns>
    public PinStatusDto? PinStatusOf(Guid userId)
    {
        var status = _pins.Find(userId);
        if (status is null)
        {
            return null;
        }

        var pending = status.State == PinLinkState.Pending;
        return new PinStatusDto(
            status.State.ToString().ToLowerInvariant(),
            pending ? status.UserCode : null,
            pending ? status.VerificationUrl : null,
            pending ? status.ExpiresAt : null,
            status.SimklUserName,
            status.Message);
    }

    /// <summary>Unlinks a user: a pending code stops and the token is forgotten.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>A task that completes once the token is gone from disk.</returns>
    public async Task UnlinkAsync(Guid userId, CancellationToken cancellationToken)
    {
        _pins.Cancel(userId);
        await _accounts.UnlinkAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    private static string Camel(string name) => string.IsNullOrEmpty(name) ? name : char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..];
}
