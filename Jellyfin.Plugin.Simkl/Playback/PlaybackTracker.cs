using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// The scrobbling engine: one state machine per playback (session, item, user), fed our own playback events in order
/// by a single loop. It decides what Simkl must hear (start, pause, stop, history) and hands each call to the client in
/// the background, where the client paces it; a newer state of the same playback replaces one still waiting there.
/// </summary>
internal sealed partial class PlaybackTracker : IAsyncDisposable, IDisposable
{
    private readonly Dictionary<PlaybackKey, PlaybackState> _playbacks = [];
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ISimklClient _client;
    private readonly ISimklAccountStore _accounts;
    private readonly IUserTrackingOptionsSource _options;
    private readonly SimklMediaResolver _resolver;
    private readonly CompletionOutbox _outbox;
    private readonly OutboxDelivery _delivery;
    private readonly IActivityLog _activity;
    private readonly TimeProvider _time;
    private readonly PlaybackTrackingOptions _rules;
    private readonly CompletionOutboxOptions _outboxOptions;
    private readonly ILogger<PlaybackTracker> _logger;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private int _disposed;

    public PlaybackTracker(
        ISimklClient client,
        ISimklAccountStore accounts,
        IUserTrackingOptionsSource options,
        SimklMediaResolver resolver,
        CompletionOutbox outbox,
        OutboxDelivery delivery,
        IActivityLog activity,
        TimeProvider time,
        PlaybackTrackingOptions rules,
        CompletionOutboxOptions outboxOptions,
        ILogger<PlaybackTracker> logger)
    {
        _client = client;
        _accounts = accounts;
        _options = options;
        _resolver = resolver;
        _outbox = outbox;
        _delivery = delivery;
        _activity = activity;
        _time = time;
        _rules = rules;
        _outboxOptions = outboxOptions;
        _logger = logger;
    }

    /// <summary>Gets the number of playbacks currently followed (tracked or deliberately ignored).</summary>
    public int ActivePlaybacks => _playbacks.Count;

    /// <summary>Answers whether the tracker already follows this playback (then events need no item).</summary>
    public bool IsKnown(PlaybackKey key) => _playbacks.ContainsKey(key);

    /// <summary>Applies one event. Must be called by one loop at a time, in the order the events happened.</summary>
    public async Task HandleAsync(PlaybackEvent playbackEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(playbackEvent);
        SweepStale(playbackEvent.Time);
        if (!_playbacks.TryGetValue(playbackEvent.Key, out var state))
        {
            if (playbackEvent.Kind == PlaybackEventKind.Stop || playbackEvent.Item is null)
            {
                // A second stop, or a stop for a playback that never reached us: nothing to tell Simkl.
                return;
            }

            state = await BeginAsync(playbackEvent, playbackEvent.Item, cancellationToken).ConfigureAwait(false);
            _playbacks[playbackEvent.Key] = state;
            if (playbackEvent.Kind != PlaybackEventKind.Start && playbackEvent.Position >= _rules.ConfirmAfter)
            {
                // Joined mid-playback (server restart, late subscribe): it began long before we saw it, so it is not
                // zapping, and a stop moments later must still count.
                state.PlayedFor = _rules.ConfirmAfter;
            }

            if (playbackEvent.Kind == PlaybackEventKind.Start || state.IgnoredBecause is not null)
            {
                return;
            }
        }

        if (state.IgnoredBecause is not null)
        {
            if (playbackEvent.Kind == PlaybackEventKind.Stop)
            {
                _playbacks.Remove(playbackEvent.Key);
            }

            return;
        }

        if (playbackEvent.Kind == PlaybackEventKind.Stop)
        {
            _playbacks.Remove(playbackEvent.Key);
            await StopAsync(state, playbackEvent, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Progress(state, playbackEvent);
        }
    }

    /// <summary>Waits until every call handed to the client so far has finished (tests and shutdown).</summary>
    public async Task DrainAsync()
    {
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Keys.ToList()).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Calls still waiting for their turn are abandoned; completions among them are safe in the outbox.
        }

        _shutdown.Dispose();
    }

    public void Dispose()
    {
        // A container disposed synchronously cannot wait for calls in flight; completions among them are in the outbox.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    internal static double ProgressPercent(TimeSpan position, TimeSpan runtime)
        => runtime <= TimeSpan.Zero ? 0 : Math.Round(Math.Clamp(position.Ticks * 100.0 / runtime.Ticks, 0, 100), 2, MidpointRounding.AwayFromZero);

    /// <summary>Anime by its ids or by the user's anime libraries; history sync follows the same rule.</summary>
    internal static bool IsAnime(TrackedItem item, UserTrackingOptions options) => item.HasAnimeIds || item.LibraryIds.Any(options.AnimeLibraryIds.Contains);

    /// <summary>Why the user's options leave the item out (null: tracked); history sync follows the same rules.</summary>
    internal static string? WhyNotTracked(TrackedItem item, UserTrackingOptions options, bool isAnime)
    {
        if (!options.TrackingEnabled)
        {
            return "tracking is turned off for this user";
        }

        if (isAnime && !options.TrackAnime)
        {
            return "anime is not tracked for this user";
        }

        if (!isAnime && item.Kind == TrackedMediaKind.Movie && !options.TrackMovies)
        {
            return "movies are not tracked for this user";
        }

        if (!isAnime && item.Kind == TrackedMediaKind.Episode && !options.TrackShows)
        {
            return "shows are not tracked for this user";
        }

        if (item.LibraryIds.Any(options.ExcludedLibraryIds.Contains))
        {
            return "its library is excluded for this user";
        }

        if (item.Runtime < options.MinimumDuration)
        {
            return FormattableString.Invariant($"it is shorter than the user's minimum of {options.MinimumDuration.TotalMinutes:0.#} min");
        }

        return null;
    }

    private async Task<PlaybackState> BeginAsync(PlaybackEvent playbackEvent, TrackedItem item, CancellationToken cancellationToken)
    {
        var state = new PlaybackState(playbackEvent.Key, item, playbackEvent.Time, playbackEvent.Position ?? TimeSpan.Zero, playbackEvent.IsPaused);
        var userId = playbackEvent.Key.UserId;
        if (!_accounts.IsTracking(userId))
        {
            // Not linked (or link broken): this user costs nothing, and nothing is logged per playback.
            state.IgnoredBecause = "not linked";
            return state;
        }

        var options = _options.Get(userId);
        state.Options = options;
        state.IsAnime = IsAnime(item, options);
        state.IgnoredBecause = WhyNotTracked(item, options, state.IsAnime);
        if (state.IgnoredBecause is null)
        {
            var resolution = await _resolver.ResolveAsync(item, state.IsAnime, cancellationToken).ConfigureAwait(false);
            state.Media = resolution.Media;
            state.IgnoredBecause = resolution.Media is null ? resolution.Reason ?? "Simkl could not match it." : null;
            if (resolution.Media is null)
            {
                Record(state, ActivityAction.Lookup, resolution.IsTransient ? ActivityOutcome.Failed : ActivityOutcome.NotFound, state.IgnoredBecause);
                return state;
            }
        }

        if (state.IgnoredBecause is not null)
        {
            Record(state, ActivityAction.Ignore, ActivityOutcome.Skipped, state.IgnoredBecause);
            LogIgnored(_logger, item.DisplayName, userId, state.IgnoredBecause);
        }

        return state;
    }

    private void Progress(PlaybackState state, PlaybackEvent playbackEvent)
    {
        var elapsed = playbackEvent.Time - state.LastEventAt;
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var wasPaused = state.IsPaused;
        var position = playbackEvent.Position ?? (wasPaused ? state.LastPosition : state.LastPosition + elapsed);
        var predicted = wasPaused ? state.LastPosition : state.LastPosition + elapsed;
        var jumped = (position - predicted).Duration() > _rules.SeekTolerance;
        if (!wasPaused)
        {
            state.PlayedFor += elapsed;
        }

        state.LastEventAt = playbackEvent.Time;
        state.LastPosition = position;
        state.IsPaused = playbackEvent.IsPaused;
        if (!playbackEvent.IsAutomated)
        {
            state.LastCheckInAt = playbackEvent.Time;
            state.LastCheckInPosition = position;
        }

        if (!state.Announced)
        {
            // The playback has "really begun" once it has played for ConfirmAfter: zapping never reaches Simkl.
            if (!playbackEvent.IsPaused && state.PlayedFor >= _rules.ConfirmAfter)
            {
                state.Announced = true;
                state.SeekSettlesAt = null;
                Send(state, ScrobbleAction.Start, position);
            }

            return;
        }

        if (playbackEvent.IsPaused != wasPaused)
        {
            state.SeekSettlesAt = null;
            Send(state, playbackEvent.IsPaused ? ScrobbleAction.Pause : ScrobbleAction.Start, position);
            return;
        }

        if (jumped)
        {
            // Wait for the position to settle: a seek is often a run of jumps (scrubbing).
            state.SeekSettlesAt = playbackEvent.Time + _rules.SeekSettle;
            return;
        }

        if (state.SeekSettlesAt is { } settles && playbackEvent.Time >= settles)
        {
            state.SeekSettlesAt = null;
            Send(state, playbackEvent.IsPaused ? ScrobbleAction.Pause : ScrobbleAction.Start, position);
            return;
        }

        if (state.Item.EpisodeCount > 1 && !playbackEvent.IsPaused && CurrentEpisode(state, position) != state.AnnouncedEpisode)
        {
            // A multi-episode file moved on to its next episode: Simkl's "watching now" follows.
            Send(state, ScrobbleAction.Start, position);
        }
    }

    private async Task StopAsync(PlaybackState state, PlaybackEvent playbackEvent, CancellationToken cancellationToken)
    {
        var elapsed = playbackEvent.Time - state.LastEventAt;
        var position = playbackEvent.Position ?? (state.IsPaused ? state.LastPosition : state.LastPosition + elapsed);
        if (!state.IsPaused && elapsed > TimeSpan.Zero)
        {
            state.PlayedFor += elapsed;
        }

        if (!state.Announced && state.PlayedFor < _rules.ConfirmAfter)
        {
            LogZapped(_logger, state.Item.DisplayName, state.PlayedFor.TotalSeconds);
            return;
        }

        if (playbackEvent.Time - state.LastCheckInAt > _rules.ClientSilenceLimit && position > state.LastCheckInPosition)
        {
            // The client vanished and the server reaped it: only what the client itself last reported was watched.
            LogVanished(_logger, state.Item.DisplayName, state.LastCheckInPosition, position);
            position = state.LastCheckInPosition;
        }

        var options = state.Options ?? UserTrackingOptions.Default;
        var progress = ProgressPercent(position, state.Item.Runtime);
        var watched = progress >= options.CompletionThresholdPercent;
        PendingCompletion? completion = null;
        if (watched)
        {
            var media = state.Media!;
            var episodes = media.Kind == SimklMediaKind.Movie || media.Episode is null
                ? Array.Empty<int>()
                : Enumerable.Range(media.Episode.Value, state.Item.EpisodeCount).ToArray();
            var now = _time.GetUtcNow();
            completion = new PendingCompletion(
                CompletionOutbox.IdentityOf(state.Key.UserId, media, playbackEvent.Time),
                state.Key.UserId,
                state.Item.DisplayName,
                media,
                episodes,
                playbackEvent.Time,
                now,
                now + _outboxOptions.StopGrace);

            // Written before Simkl is called: whatever happens next, the watch is not lost.
            await _outbox.AddAsync(completion, cancellationToken).ConfigureAwait(false);
        }

        // Simkl records a stop at 80 % or more; a user who asked for a higher threshold gets a pause there instead.
        var action = !watched && progress >= UserTrackingOptions.SimklCompletionThresholdPercent ? ScrobbleAction.Pause : ScrobbleAction.Stop;
        Send(state, action, position, completion);
    }

    private static int? CurrentEpisode(PlaybackState state, TimeSpan position)
    {
        if (state.Media?.Episode is not { } first)
        {
            return null;
        }

        var count = state.Item.EpisodeCount;
        if (count <= 1 || state.Item.Runtime <= TimeSpan.Zero)
        {
            return first;
        }

        var index = (int)Math.Clamp(position.Ticks * count / state.Item.Runtime.Ticks, 0, count - 1);
        return first + index;
    }

    private static double SegmentProgress(PlaybackState state, TimeSpan position)
    {
        var count = state.Item.EpisodeCount;
        if (count <= 1)
        {
            return ProgressPercent(position, state.Item.Runtime);
        }

        var segment = TimeSpan.FromTicks(state.Item.Runtime.Ticks / count);
        var index = CurrentEpisode(state, position)!.Value - state.Media!.Episode!.Value;
        return ProgressPercent(position - (segment * index), segment);
    }

    private void Send(PlaybackState state, ScrobbleAction action, TimeSpan position, PendingCompletion? completion = null)
    {
        var episode = CurrentEpisode(state, position);
        var progress = SegmentProgress(state, position);
        state.AnnouncedEpisode = episode;
        var task = SendAsync(state, action, episode, progress, completion, _shutdown.Token);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SendAsync(PlaybackState state, ScrobbleAction action, int? episode, double progress, PendingCompletion? completion, CancellationToken cancellationToken)
    {
        try
        {
            var link = _accounts.Find(state.Key.UserId);
            if (link is null || link.IsBroken)
            {
                return;
            }

            var media = state.Media!;
            var result = await _client.ScrobbleAsync(action, SimklRequests.Scrobble(media, episode, progress), link.Token, state.CoalescingKey, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == SimklOutcome.NotFound)
            {
                // Simkl rejected the ids (404 id_err): look the file up once and send again with what it finds.
                var resolution = await _resolver.ResolveRejectedAsync(state.Item, state.IsAnime, cancellationToken).ConfigureAwait(false);
                if (resolution.Media is { } found && found != media)
                {
                    state.Media = media = found;
                    completion = completion is null ? null : completion with { Media = found };
                    result = await _client.ScrobbleAsync(action, SimklRequests.Scrobble(media, episode, progress), link.Token, state.CoalescingKey, cancellationToken).ConfigureAwait(false);
                }
            }

            await AfterScrobbleAsync(state, action, episode, progress, completion, result, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: completions are in the outbox and replay at the next start.
        }
        catch (Exception ex)
        {
            // A background send must never take the tracker down; the failure is logged and shown on the page.
            LogSendCrashed(_logger, ex, state.Item.DisplayName);
            Record(state, ActionOf(action), ActivityOutcome.Failed, ex.Message);
        }
    }

    private async Task AfterScrobbleAsync(PlaybackState state, ScrobbleAction action, int? episode, double progress, PendingCompletion? completion, SimklResult<SimklApi.Models.ScrobbleResponse> result, CancellationToken cancellationToken)
    {
        if (result.Outcome == SimklOutcome.Superseded)
        {
            return;
        }

        var outcome = result.Outcome switch
        {
            SimklOutcome.Success => ActivityOutcome.Succeeded,
            SimklOutcome.AlreadyRecorded => ActivityOutcome.AlreadyRecorded,
            SimklOutcome.NotFound => ActivityOutcome.NotFound,
            SimklOutcome.Unauthorized => ActivityOutcome.LinkBroken,
            _ when completion is not null => ActivityOutcome.Deferred,
            _ => ActivityOutcome.Failed,
        };
        Record(state, ActionOf(action), outcome, result.IsDone ? null : result.Message);
        LogScrobbled(_logger, action, state.Item.DisplayName, progress, result.Outcome);

        if (result.Outcome == SimklOutcome.Unauthorized)
        {
            await _accounts.MarkBrokenAsync(state.Key.UserId, CancellationToken.None).ConfigureAwait(false);
        }

        if (completion is null)
        {
            return;
        }

        if (result.Outcome == SimklOutcome.NotFound)
        {
            await _outbox.RemoveAsync(completion.Id, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // A stop Simkl took at 80 % or more recorded its episode (or movie) itself; only the rest goes to history.
        var recordedByStop = action == ScrobbleAction.Stop && result.IsDone && progress >= UserTrackingOptions.SimklCompletionThresholdPercent;
        var left = recordedByStop ? completion.Episodes.Where(e => e != episode).ToList() : completion.Episodes.ToList();
        if (recordedByStop && (completion.Media.Kind == SimklMediaKind.Movie || left.Count == 0))
        {
            await _outbox.RemoveAsync(completion.Id, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (result.IsDone)
        {
            // Simkl answers: deliver the rest now, still reserved for this call so the replayer does not send it too.
            var rest = completion with { Episodes = left };
            await _outbox.UpdateAsync(rest, CancellationToken.None).ConfigureAwait(false);
            await _delivery.DeliverAsync(rest, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Simkl did not take the stop: the replayer owns the completion from now on.
            await _outbox.UpdateAsync(completion with { Episodes = left, NextAttemptAt = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void SweepStale(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(10);
        foreach (var stale in _playbacks.Values.Where(p => now - p.LastEventAt > _rules.StaleAfter).ToList())
        {
            _playbacks.Remove(stale.Key);
        }
    }

    private static ActivityAction ActionOf(ScrobbleAction action) => action switch
    {
        ScrobbleAction.Start => ActivityAction.Start,
        ScrobbleAction.Pause => ActivityAction.Pause,
        _ => ActivityAction.Stop,
    };

    private void Record(PlaybackState state, ActivityAction action, ActivityOutcome outcome, string? reason)
        => _activity.Record(new ActivityEntry(state.Key.UserId, _time.GetUtcNow(), state.Item.DisplayName, action, outcome, reason));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not tracking {Item} for user {UserId}: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string item, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} played only {Seconds:0} s; Simkl is not told")]
    private static partial void LogZapped(ILogger logger, string item, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl {Action} for {Item} at {Progress:0.##} %: {Outcome}")]
    private static partial void LogScrobbled(ILogger logger, ScrobbleAction action, string item, double progress, SimklOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client playing {Item} went silent; stopped at its last reported position {Reported} instead of the server's {Extrapolated}")]
    private static partial void LogVanished(ILogger logger, string item, TimeSpan reported, TimeSpan extrapolated);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending {Item} to Simkl failed unexpectedly")]
    private static partial void LogSendCrashed(ILogger logger, Exception exception, string item);
}
