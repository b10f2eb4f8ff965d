using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback.Outbox;

namespace Jellyfin.Plugin.Simkl.Playback;

/// <summary>
/// The rules of one playback (a session, an item, one user), as a small state machine: waiting until it has really
/// begun, begun (playing or paused, seeks settling), finished and remembered for a while after its stop. It knows
/// nothing of Simkl: the tracker asks it what each event means and does the talking. Only the tracker's loop calls it.
/// </summary>
internal sealed class PlaybackSession
{
    private static readonly Task<MediaResolution> Unresolved = Task.FromResult(new MediaResolution(null));

    private readonly PlaybackTrackingOptions _rules;
    private Task<MediaResolution> _resolution = Unresolved;
    private TimeSpan _playedFor;
    private DateTimeOffset _lastEventAt;
    private DateTimeOffset? _seekSettlesAt;
    private DateTimeOffset _lastCheckInAt;
    private TimeSpan _lastCheckInPosition;
    private bool _startSeen;
    private bool _joinedMidway;

    public PlaybackSession(PlaybackEvent first, TrackedItem item, PlaybackTrackingOptions rules)
    {
        ArgumentNullException.ThrowIfNull(first);
        _rules = rules;
        Key = first.Key;
        Item = item;
        _lastEventAt = first.Time;
        LastPosition = first.Position ?? TimeSpan.Zero;
        IsPaused = first.IsPaused;
        _lastCheckInAt = first.Time;
        _lastCheckInPosition = LastPosition;
        _startSeen = first.Kind == PlaybackEventKind.Start;

        // First seen well into the item without a start: either the server restarted mid-film (it began long ago), or
        // Jellyfin's queued start has not arrived yet (the start decides, see Observe).
        _joinedMidway = !_startSeen && LastPosition >= rules.ConfirmAfter;
    }

    public PlaybackKey Key { get; }

    public TrackedItem Item { get; }

    public PlaybackPhase Phase { get; private set; }

    /// <summary>Gets or sets why this playback is not tracked; null while it is.</summary>
    public string? IgnoredBecause { get; set; }

    /// <summary>
    /// Gets or sets what Simkl is told about the item: known at once from its ids, or later from a file search that
    /// runs off the loop. Replaced when Simkl rejects the ids and the file search finds something else.
    /// </summary>
    public Task<MediaResolution> Resolution
    {
        get => Volatile.Read(ref _resolution);
        set => Volatile.Write(ref _resolution, value);
    }

    /// <summary>Gets the media when it is known by now (null while a lookup runs or when nothing matched).</summary>
    public SimklMedia? Media => Resolution is { IsCompletedSuccessfully: true } done ? done.Result.Media : null;

    public bool IsAnime { get; set; }

    public UserTrackingOptions Options { get; set; } = UserTrackingOptions.Default;

    public TimeSpan LastPosition { get; private set; }

    public bool IsPaused { get; private set; }

    /// <summary>Gets or sets the episode of a multi-episode file last announced to Simkl.</summary>
    public int? AnnouncedEpisode { get; set; }

    /// <summary>Gets the completion this playback's stop created, while its own stop call owns it (then the outbox does).</summary>
    public PendingCompletion? Completion { get; private set; }

    /// <summary>Gets when a finished playback may be forgotten.</summary>
    public DateTimeOffset ForgetAt { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset LastEventAt => _lastEventAt;

    /// <summary>Gets how long this playback has actually played (paused time does not count).</summary>
    public TimeSpan PlayedFor => _playedFor;

    public string CoalescingKey => "playback:" + Key;

    /// <summary>Applies a start or a progress and says what Simkl must hear now.</summary>
    public PlaybackStep Observe(PlaybackEvent playbackEvent)
    {
        ArgumentNullException.ThrowIfNull(playbackEvent);
        if (Phase == PlaybackPhase.Finished)
        {
            return PlaybackStep.None;
        }

        if (playbackEvent.Kind == PlaybackEventKind.Start && !_startSeen)
        {
            // Jellyfin's start was queued behind a progress: this playback began now, not before we saw it. Its position
            // and time are older than the progress already seen, so they neither rewind the playback (no seek) nor count
            // the time it waited on the thread pool as playing.
            _startSeen = true;
            _joinedMidway = false;
            return PlaybackStep.None;
        }

        var elapsed = Elapsed(playbackEvent.Time);
        var wasPaused = IsPaused;
        var predicted = wasPaused ? LastPosition : LastPosition + elapsed;
        var position = playbackEvent.Position ?? predicted;
        var jumped = (position - predicted).Duration() > _rules.SeekTolerance;
        if (!wasPaused)
        {
            _playedFor += elapsed;
        }

        _lastEventAt = Max(_lastEventAt, playbackEvent.Time);
        LastPosition = position;
        IsPaused = playbackEvent.IsPaused;
        if (!playbackEvent.IsAutomated)
        {
            _lastCheckInAt = playbackEvent.Time;
            _lastCheckInPosition = position;
        }

        if (Phase == PlaybackPhase.Waiting)
        {
            // The playback has "really begun" once it has played for ConfirmAfter: zapping never reaches Simkl.
            if (playbackEvent.IsPaused || _playedFor < _rules.ConfirmAfter)
            {
                return PlaybackStep.None;
            }

            Phase = PlaybackPhase.Begun;
            _seekSettlesAt = null;
            return PlaybackStep.Begin;
        }

        if (playbackEvent.IsPaused != wasPaused)
        {
            _seekSettlesAt = null;
            return playbackEvent.IsPaused ? PlaybackStep.Pause : PlaybackStep.Resume;
        }

        if (jumped)
        {
            // Wait for the position to settle: a seek is often a run of jumps (scrubbing).
            _seekSettlesAt = playbackEvent.Time + _rules.SeekSettle;
            return PlaybackStep.None;
        }

        if (_seekSettlesAt is { } settles && playbackEvent.Time >= settles)
        {
            _seekSettlesAt = null;
            return PlaybackStep.Seeked;
        }

        return playbackEvent.IsPaused ? PlaybackStep.None : PlaybackStep.Playing;
    }

    /// <summary>
    /// Applies the stop. Returns where a playback that really began ended, or null for zapping, a second stop, or a
    /// stop of a playback already finished. From now on the playback is finished and remembered until
    /// <see cref="ForgetAt"/>, so stragglers (a late progress, Jellyfin's revived 1 Hz timer, the reaper's stop) are ignored.
    /// </summary>
    public PlaybackEnd? Finish(PlaybackEvent playbackEvent)
    {
        ArgumentNullException.ThrowIfNull(playbackEvent);
        if (Phase == PlaybackPhase.Finished)
        {
            return null;
        }

        var elapsed = Elapsed(playbackEvent.Time);
        var position = playbackEvent.Position ?? (IsPaused ? LastPosition : LastPosition + elapsed);
        if (playbackEvent.Position is { } reported)
        {
            // Jellyfin queues the stop on the thread pool, so it can reach us well after the playback ended: it played
            // at most as far as the position moved, never the time the stop waited.
            var moved = reported - LastPosition;
            elapsed = moved < elapsed ? Max(moved, TimeSpan.Zero) : elapsed;
        }

        if (!IsPaused)
        {
            _playedFor += elapsed;
        }

        var announced = Phase == PlaybackPhase.Begun;
        Phase = PlaybackPhase.Finished;
        ForgetAt = Max(_lastEventAt, playbackEvent.Time) + _rules.RememberFinishedFor;
        _lastEventAt = Max(_lastEventAt, playbackEvent.Time);

        // Joined mid-playback with no start ever seen (server restart, late subscribe): it began long before we saw it.
        var begun = announced || _playedFor >= _rules.ConfirmAfter || (_joinedMidway && !_startSeen);
        if (!begun)
        {
            return null;
        }

        if (playbackEvent.Time - _lastCheckInAt > _rules.ClientSilenceLimit && position > _lastCheckInPosition)
        {
            // The client vanished and the server reaped it: only what the client itself last reported was watched.
            position = _lastCheckInPosition;
        }

        return new PlaybackEnd(position, announced);
    }

    /// <summary>The stop made a completion: its own stop call owns it until Simkl answers.</summary>
    public void Own(PendingCompletion completion) => Completion = completion;

    /// <summary>The stop call is done with the completion (delivered, or handed to the outbox's replayer).</summary>
    public void Release() => Completion = null;

    /// <summary>Answers whether the tracker may forget this playback now.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan staleAfter)
        => Phase == PlaybackPhase.Finished ? now >= ForgetAt : now - _lastEventAt > staleAfter;

    private TimeSpan Elapsed(DateTimeOffset time)
    {
        // Handlers run concurrently, so an event can carry a time a little older than the one before it.
        var elapsed = time - _lastEventAt;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
