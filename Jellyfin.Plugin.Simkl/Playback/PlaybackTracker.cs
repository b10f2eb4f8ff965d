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
/// The scrobbling engine: one <see cref="PlaybackSession"/> per playback (session, item, user), fed our own playback
/// events by a single loop. The walk of an event is linear and never waits: the session says what the event means,
/// and every call that waits on Simkl (the file search, scrobbles, history) or on the disk runs in the background, where
/// the client paces it; a newer state of the same playback replaces one still waiting there.
/// </summary>
internal sealed partial class PlaybackTracker : IAsyncDisposable, IDisposable
{
    private readonly Dictionary<PlaybackKey, PlaybackSession> _sessions = [];
    private readonly Queue<PlaybackSession> _finished = new();
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
    private readonly ILogger<PlaybackTracker> _logger;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private volatile bool _stopping;
    private int _disposed;
    private int _stopsBeingRecorded;

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
        _logger = logger;
    }

    /// <summary>Gets how many stops are handed to the background whose watch is not yet safe on disk.</summary>
    public int StopsBeingRecorded => Volatile.Read(ref _stopsBeingRecorded);

    /// <summary>Gets the number of playbacks currently followed (tracked or deliberately ignored), not counting finished ones.</summary>
    public int ActivePlaybacks => _sessions.Values.Count(s => s.Phase != PlaybackPhase.Finished);

    /// <summary>Answers whether an event needs its item mapped: a playback not followed yet, or a new start of a finished one.</summary>
    public bool NeedsItem(PlaybackKey key, PlaybackEventKind kind)
        => !_sessions.TryGetValue(key, out var session) || (session.Phase == PlaybackPhase.Finished && kind == PlaybackEventKind.Start);

    /// <summary>Applies one event. Must be called by one loop at a time; never waits on Simkl or the disk.</summary>
    public void Handle(PlaybackEvent playbackEvent)
    {
        ArgumentNullException.ThrowIfNull(playbackEvent);
        SweepStale(playbackEvent.Time);
        if (!_sessions.TryGetValue(playbackEvent.Key, out var session) || (session.Phase == PlaybackPhase.Finished && playbackEvent.Kind == PlaybackEventKind.Start))
        {
            if (playbackEvent.Kind == PlaybackEventKind.Stop || playbackEvent.Item is null)
            {
                // A stop for a playback that never reached us: nothing to tell Simkl.
                return;
            }

            session = Begin(playbackEvent, playbackEvent.Item);
            _sessions[playbackEvent.Key] = session;
        }

        if (session.IgnoredBecause is null && session.Resolution.IsCompleted && session.Media is null)
        {
            // The file search found nothing (it said so in the activity): the rest of this playback is ignored.
            session.IgnoredBecause = session.Resolution.Result.Reason ?? "Simkl could not match it.";
        }

        if (playbackEvent.Kind == PlaybackEventKind.Stop)
        {
            Finish(session, playbackEvent);
            return;
        }

        var step = session.Observe(playbackEvent);
        if (session.IgnoredBecause is not null)
        {
            return;
        }

        switch (step)
        {
            case PlaybackStep.Begin:
            case PlaybackStep.Resume:
            case PlaybackStep.Seeked:
                Send(session, ScrobbleAction.Start, session.LastPosition);
                break;
            case PlaybackStep.Pause:
                Send(session, ScrobbleAction.Pause, session.LastPosition);
                break;
            case PlaybackStep.Playing when session.Item.EpisodeCount > 1 && session.Media is not null
                                           && CurrentEpisode(session, session.LastPosition) != session.AnnouncedEpisode:
                // A multi-episode file moved on to its next episode: Simkl's "watching now" follows.
                Send(session, ScrobbleAction.Start, session.LastPosition);
                break;
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

    /// <summary>
    /// The server is shutting down: from now on nothing more goes to Simkl, and every stop handled becomes an outbox
    /// entry the replayer owns at once. Called before the loop drains what is still queued.
    /// </summary>
    public void StopSending() => _stopping = true;

    /// <summary>
    /// The server is shutting down: nothing more goes to Simkl, and every stop handled so far (including those the loop
    /// drains now) ends as an outbox entry the replayer owns, so the next start delivers it.
    /// </summary>
    public async Task ShutdownAsync()
    {
        _stopping = true;
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Calls still waiting for their turn are abandoned; completions among them are safe in the outbox.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await ShutdownAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    public void Dispose()
    {
        // A container disposed synchronously cannot wait for calls in flight; completions among them are in the outbox.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping = true;
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

    private PlaybackSession Begin(PlaybackEvent playbackEvent, TrackedItem item)
    {
        var session = new PlaybackSession(playbackEvent, item, _rules);
        var userId = playbackEvent.Key.UserId;
        if (!_accounts.IsTracking(userId))
        {
            // Not linked (or link broken): this user costs nothing, and nothing is logged per playback.
            session.IgnoredBecause = "not linked";
            return session;
        }

        var options = _options.Get(userId);
        session.Options = options;
        session.IsAnime = IsAnime(item, options);
        session.IgnoredBecause = WhyNotTracked(item, options, session.IsAnime);
        if (session.IgnoredBecause is not null)
        {
            Record(session, ActivityAction.Ignore, ActivityOutcome.Skipped, session.IgnoredBecause);
            LogIgnored(_logger, item.DisplayName, userId, session.IgnoredBecause);
            return session;
        }

        // Known at once from the item's ids; a file search runs in the background while the playback goes on.
        session.Resolution = SimklMediaResolver.CanResolveOffline(item)
            ? Task.FromResult(SimklMediaResolver.FromIds(item, session.IsAnime))
            : Track(LookUpAsync(session));
        return session;
    }

    private async Task<MediaResolution> LookUpAsync(PlaybackSession session)
    {
        try
        {
            var resolution = await _resolver.ResolveAsync(session.Item, session.IsAnime, _shutdown.Token).ConfigureAwait(false);
            if (resolution.Media is null)
            {
                var reason = resolution.Reason ?? "Simkl could not match it.";
                Record(session, ActivityAction.Lookup, resolution.IsTransient ? ActivityOutcome.Failed : ActivityOutcome.NotFound, reason);
            }

            return resolution;
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return new MediaResolution(null, "The server is shutting down.", IsTransient: true);
        }
        catch (Exception ex)
        {
            LogSendCrashed(_logger, ex, session.Item.DisplayName);
            Record(session, ActivityAction.Lookup, ActivityOutcome.Failed, ex.Message);
            return new MediaResolution(null, ex.Message, IsTransient: true);
        }
    }

    private void Finish(PlaybackSession session, PlaybackEvent playbackEvent)
    {
        var wasFinished = session.Phase == PlaybackPhase.Finished;
        var end = session.Finish(playbackEvent);
        if (!wasFinished)
        {
            Remember(session);
        }

        if (session.IgnoredBecause is not null || wasFinished)
        {
            return;
        }

        if (end is null)
        {
            LogZapped(_logger, session.Item.DisplayName, session.PlayedFor.TotalSeconds);
            return;
        }

        if (end.Position < playbackEvent.Position)
        {
            LogVanished(_logger, session.Item.DisplayName, end.Position, playbackEvent.Position.Value);
        }

        var progress = ProgressPercent(end.Position, session.Item.Runtime);
        var watched = progress >= session.Options.CompletionThresholdPercent;

        // Simkl records a stop at 80 % or more; a user who asked for a higher threshold gets a pause there instead.
        var action = !watched && progress >= UserTrackingOptions.SimklCompletionThresholdPercent ? ScrobbleAction.Pause : ScrobbleAction.Stop;
        Interlocked.Increment(ref _stopsBeingRecorded);
        Track(StopAsync(session, action, end.Position, watched, playbackEvent.Time));
    }

    private async Task StopAsync(PlaybackSession session, ScrobbleAction action, TimeSpan position, bool watched, DateTimeOffset watchedAt)
    {
        PendingCompletion? completion = null;
        SimklMedia media;
        try
        {
            var resolution = await session.Resolution.ConfigureAwait(false);
            if (resolution.Media is not { } found)
            {
                if (watched)
                {
                    // Nothing to record it as: the lookup said why in the activity; the log says what it cost.
                    LogWatchNotMatched(_logger, session.Item.DisplayName, session.Key.UserId, resolution.Reason ?? "Simkl could not match it.");
                }

                return;
            }

            media = found;
            if (watched)
            {
                var episodes = media.Kind == SimklMediaKind.Movie || media.Episode is null
                    ? Array.Empty<int>()
                    : Enumerable.Range(media.Episode.Value, session.Item.EpisodeCount).ToArray();
                var now = _time.GetUtcNow();
                completion = new PendingCompletion(
                    CompletionOutbox.IdentityOf(session.Key.UserId, media, watchedAt),
                    session.Key.UserId,
                    session.Item.DisplayName,
                    media,
                    episodes,
                    watchedAt,
                    now,
                    now);

                // Written (and leased to this stop) before Simkl is called: whatever happens next, the watch is not
                // lost and the replayer leaves it alone until the send below releases it. A disk that refuses the write
                // does not hold up the stop: the outbox keeps retrying the write. Not cancelled by a shutdown: turning
                // a stop into an outbox entry is exactly what a shutdown must still do.
                await _outbox.AddAsync(completion, CancellationToken.None).ConfigureAwait(false);
                session.Own(completion);
            }
        }
        finally
        {
            // From here a crash no longer loses the watch: it is on disk, or there is nothing to record.
            Interlocked.Decrement(ref _stopsBeingRecorded);
        }

        await SendAsync(session, action, position, completion, _shutdown.Token).ConfigureAwait(false);
    }

    private static int? CurrentEpisode(PlaybackSession state, TimeSpan position)
        => state.Media is { } media ? CurrentEpisode(state, media, position) : null;

    private static int? CurrentEpisode(PlaybackSession state, SimklMedia media, TimeSpan position)
    {
        if (media.Episode is not { } first)
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

    private static double SegmentProgress(PlaybackSession state, SimklMedia media, TimeSpan position)
    {
        var count = state.Item.EpisodeCount;
        if (count <= 1)
        {
            return ProgressPercent(position, state.Item.Runtime);
        }

        var segment = TimeSpan.FromTicks(state.Item.Runtime.Ticks / count);
        var index = CurrentEpisode(state, media, position)!.Value - media.Episode!.Value;
        return ProgressPercent(position - (segment * index), segment);
    }

    private void Send(PlaybackSession session, ScrobbleAction action, TimeSpan position)
        => Track(SendAsync(session, action, position, null, _shutdown.Token));

    private Task<T> Track<T>(Task<T> task)
    {
        Track((Task)task);
        return task;
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task SendAsync(PlaybackSession session, ScrobbleAction action, TimeSpan position, PendingCompletion? completion, CancellationToken cancellationToken)
    {
        try
        {
            var media = (await session.Resolution.ConfigureAwait(false)).Media;
            var link = _accounts.Find(session.Key.UserId);
            if (media is null || link is null || link.IsBroken || _stopping)
            {
                // Nothing matched (the lookup said so), or no account, or shutting down: a completion stays in the
                // outbox for the replayer.
                return;
            }

            if (media.Kind != SimklMediaKind.Movie && media.Episode is null)
            {
                // Never a bare show: Simkl would mark every aired episode.
                return;
            }

            var episode = CurrentEpisode(session, media, position);
            var progress = SegmentProgress(session, media, position);
            session.AnnouncedEpisode = episode;
            var result = await _client.ScrobbleAsync(action, SimklRequests.Scrobble(media, episode, progress), link.Token, session.CoalescingKey, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == SimklOutcome.NotFound)
            {
                // Simkl rejected the ids (404 id_err): look the file up once and send again with what it finds.
                var resolution = await _resolver.ResolveRejectedAsync(session.Item, session.IsAnime, cancellationToken).ConfigureAwait(false);
                if (resolution.Media is { } found && found != media)
                {
                    session.Resolution = Task.FromResult(resolution);
                    media = found;
                    completion = completion is null ? null : completion with { Media = found };
                    result = await _client.ScrobbleAsync(action, SimklRequests.Scrobble(media, episode, progress), link.Token, session.CoalescingKey, cancellationToken).ConfigureAwait(false);
                }
            }

            await AfterScrobbleAsync(session, action, episode, progress, completion, result, link.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: completions are in the outbox and replay at the next start.
        }
        catch (Exception ex)
        {
            // A background send must never take the tracker down; the failure is logged and shown on the page.
            LogSendCrashed(_logger, ex, session.Item.DisplayName);
            Record(session, ActionOf(action), ActivityOutcome.Failed, ex.Message);
        }
        finally
        {
            if (completion is not null)
            {
                // This stop no longer owns its completion: the replayer takes over whatever is left of it.
                session.Release();
                _outbox.Release(completion.Id);
            }
        }
    }

    private async Task AfterScrobbleAsync(PlaybackSession state, ScrobbleAction action, int? episode, double progress, PendingCompletion? completion, SimklResult<SimklApi.Models.ScrobbleResponse> result, SimklToken token, CancellationToken cancellationToken)
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
            await _accounts.MarkBrokenAsync(state.Key.UserId, token, CancellationToken.None).ConfigureAwait(false);
        }

        if (completion is null)
        {
            return;
        }

        if (result.Outcome == SimklOutcome.NotFound)
        {
            await _delivery.DismissAsync(completion, "Simkl does not know this item, so it could not be marked watched.", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // A stop Simkl took at 80 % or more recorded its episode (or movie) itself; only the rest goes to history. Simkl
        // says which: a stop it kept as a paused playback is answered with action "pause" (its reading of "80 %" may
        // differ from ours), and then our own threshold decides and the watch goes to history.
        var keptAsPaused = result.Value?.SavedAsPaused == true;
        var recordedByStop = action == ScrobbleAction.Stop && result.IsDone && !keptAsPaused && progress >= UserTrackingOptions.SimklCompletionThresholdPercent;
        var left = recordedByStop ? completion.Episodes.Where(e => e != episode).ToList() : completion.Episodes.ToList();
        if (recordedByStop && (completion.Media.Kind == SimklMediaKind.Movie || left.Count == 0))
        {
            await _outbox.RemoveAsync(completion.Id, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (result.IsDone)
        {
            // Simkl answers: deliver the rest now, still reserved for this call so the replayer does not send it too.
            // The stop recorded at most its own episode: the rest never went out, so it is sent without asking first.
            var rest = completion with { Episodes = left, MayHaveReachedSimkl = false };
            await _outbox.UpdateAsync(rest, CancellationToken.None).ConfigureAwait(false);
            await _delivery.DeliverAsync(rest, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Simkl did not take the stop: the replayer owns the completion from now on.
            await _outbox.UpdateAsync(completion with { Episodes = left, NextAttemptAt = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void Remember(PlaybackSession session)
    {
        _finished.Enqueue(session);
        while (_finished.Count > _rules.MaxRememberedFinished && _finished.TryDequeue(out var oldest))
        {
            Forget(oldest);
        }
    }

    private void Forget(PlaybackSession session)
    {
        if (_sessions.TryGetValue(session.Key, out var current) && ReferenceEquals(current, session))
        {
            _sessions.Remove(session.Key);
        }
    }

    private void SweepStale(DateTimeOffset now)
    {
        // Finished playbacks are forgotten in the order they finished, each once its time is up.
        while (_finished.TryPeek(out var oldest) && oldest.IsExpired(now, _rules.StaleAfter))
        {
            Forget(_finished.Dequeue());
        }

        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(10);
        foreach (var stale in _sessions.Values.Where(p => p.Phase != PlaybackPhase.Finished && p.IsExpired(now, _rules.StaleAfter)).ToList())
        {
            _sessions.Remove(stale.Key);
        }
    }

    private static ActivityAction ActionOf(ScrobbleAction action) => action switch
    {
        ScrobbleAction.Start => ActivityAction.Start,
        ScrobbleAction.Pause => ActivityAction.Pause,
        _ => ActivityAction.Stop,
    };

    private void Record(PlaybackSession state, ActivityAction action, ActivityOutcome outcome, string? reason)
        => _activity.Record(new ActivityEntry(state.Key.UserId, _time.GetUtcNow(), state.Item.DisplayName, action, outcome, reason));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not tracking {Item} for user {UserId}: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string item, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} played only {Seconds:0} s; Simkl is not told")]
    private static partial void LogZapped(ILogger logger, string item, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simkl {Action} for {Item} at {Progress:0.##} %: {Outcome}")]
    private static partial void LogScrobbled(ILogger logger, ScrobbleAction action, string item, double progress, SimklOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client playing {Item} went silent; stopped at its last reported position {Reported} instead of the server's {Extrapolated}")]
    private static partial void LogVanished(ILogger logger, string item, TimeSpan reported, TimeSpan extrapolated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The watch of {Item} by user {UserId} cannot be sent to Simkl: {Reason}")]
    private static partial void LogWatchNotMatched(ILogger logger, string item, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending {Item} to Simkl failed unexpectedly")]
    private static partial void LogSendCrashed(ILogger logger, Exception exception, string item);
}
