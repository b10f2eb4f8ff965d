using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.Support;
using Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>
/// The tracker fed one event at a time, as its loop feeds it, with Simkl's answers chosen by each test: what it sends
/// for each step of a playback, what a stop leaves in the outbox, and what it remembers. The tracking scenarios run the
/// same rules through Jellyfin's events and the real client.
/// </summary>
public sealed class PlaybackTrackerTests : IAsyncDisposable
{
    private static readonly TimeSpan Runtime = TimeSpan.FromSeconds(6000);
    private readonly OutboxFixture _f = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly IUserTrackingOptionsSource _options = Substitute.For<IUserTrackingOptionsSource>();
    private readonly PlaybackTrackingOptions _rules = new() { MaxRememberedFinished = 2 };
    private readonly PlaybackTracker _tracker;
    private readonly Guid _alice = Guid.NewGuid();
    private readonly DateTimeOffset _t0;
    private TrackedItem _heat;

    public PlaybackTrackerTests()
    {
        _t0 = _f.Time.GetUtcNow();
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _options.Get(default).ReturnsForAnyArgs(UserTrackingOptions.Default);
        _heat = new TrackedItem(Guid.NewGuid(), "Heat (1995)", TrackedMediaKind.Movie, Runtime, "/media/Heat.mkv", [], "Heat", 1995, SimklIds.Of(("imdb", "tt0113277")));
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Success(new ScrobbleResponse("1", null, null)));
        var resolver = new SimklMediaResolver(_f.Client, _f.Time, _rules, _loggers.CreateLogger<SimklMediaResolver>());
        _tracker = new PlaybackTracker(_f.Client, _f.Accounts, _options, resolver, _f.Outbox, _f.Delivery, _f.Activity, _f.Time, _rules, _loggers.CreateLogger<PlaybackTracker>());
    }

    public async ValueTask DisposeAsync()
    {
        await _tracker.DisposeAsync();
        _loggers.Dispose();
        _logs.Dispose();
        _f.Dispose();
    }

    [Theory]
    [InlineData(0, 6000, 0)]
    [InlineData(-10, 6000, 0)]
    [InlineData(7000, 6000, 100)]
    [InlineData(20, 6000, 0.33)]
    [InlineData(1, 8, 12.5)]
    [InlineData(1, 800, 0.13)]
    [InlineData(4800, 6000, 80)]
    [InlineData(10, 0, 0)]
    [InlineData(10, -5, 0)]
    public void Progress_is_a_percentage_of_the_runtime_to_two_decimals(int positionSeconds, int runtimeSeconds, double percent)
        => Assert.Equal(percent, PlaybackTracker.ProgressPercent(TimeSpan.FromSeconds(positionSeconds), TimeSpan.FromSeconds(runtimeSeconds)));

    [Fact]
    public void An_item_is_anime_by_its_ids_or_by_the_users_anime_library()
    {
        var animeLibrary = Guid.NewGuid();
        var options = UserTrackingOptions.Default with { AnimeLibraryIds = new HashSet<Guid> { animeLibrary } };

        Assert.False(PlaybackTracker.IsAnime(_heat with { LibraryIds = [Guid.NewGuid()] }, options));
        Assert.True(PlaybackTracker.IsAnime(_heat with { LibraryIds = [Guid.NewGuid(), animeLibrary] }, options));
        Assert.True(PlaybackTracker.IsAnime(_heat with { Ids = SimklIds.Of(("mal", "1")) }, options));
    }

    [Fact]
    public void Each_option_that_leaves_an_item_out_says_so()
    {
        var excluded = Guid.NewGuid();
        var episode = _heat with { Kind = TrackedMediaKind.Episode };
        var all = UserTrackingOptions.Default;

        Assert.Null(PlaybackTracker.WhyNotTracked(_heat, all, isAnime: false));
        Assert.Equal("tracking is turned off for this user", PlaybackTracker.WhyNotTracked(_heat, all with { TrackingEnabled = false }, isAnime: false));
        Assert.Equal("anime is not tracked for this user", PlaybackTracker.WhyNotTracked(_heat, all with { TrackAnime = false }, isAnime: true));
        Assert.Null(PlaybackTracker.WhyNotTracked(_heat, all with { TrackAnime = false }, isAnime: false));
        Assert.Equal("movies are not tracked for this user", PlaybackTracker.WhyNotTracked(_heat, all with { TrackMovies = false }, isAnime: false));
        Assert.Null(PlaybackTracker.WhyNotTracked(_heat, all with { TrackMovies = false }, isAnime: true));
        Assert.Null(PlaybackTracker.WhyNotTracked(episode, all with { TrackMovies = false }, isAnime: false));
        Assert.Equal("shows are not tracked for this user", PlaybackTracker.WhyNotTracked(episode, all with { TrackShows = false }, isAnime: false));
        Assert.Null(PlaybackTracker.WhyNotTracked(episode, all with { TrackShows = false }, isAnime: true));
        Assert.Null(PlaybackTracker.WhyNotTracked(_heat, all with { TrackShows = false }, isAnime: false));
        Assert.Equal("its library is excluded for this user", PlaybackTracker.WhyNotTracked(_heat with { LibraryIds = [Guid.NewGuid(), excluded] }, all with { ExcludedLibraryIds = new HashSet<Guid> { excluded } }, isAnime: false));
        Assert.Equal("it is shorter than the user's minimum of 100.5 min", PlaybackTracker.WhyNotTracked(_heat, all with { MinimumDuration = TimeSpan.FromMinutes(100.5) }, isAnime: false));
        Assert.Null(PlaybackTracker.WhyNotTracked(_heat, all with { MinimumDuration = Runtime }, isAnime: false));
    }

    [Fact]
    public async Task A_playback_is_announced_once_it_has_played_20_seconds_with_its_real_progress()
    {
        await LinkAsync();

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 19);
        await _tracker.DrainAsync();
        var before = Scrobbles().Count;
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.Equal(0, before);
        var (action, request, key) = Assert.Single(Scrobbles());
        Assert.Equal(ScrobbleAction.Start, action);
        Assert.Equal(new ScrobbleRequest(0.33, Movie: new SimklMediaObject("Heat", 1995, _heat.Ids)), request);
        Assert.Equal("playback:" + Key(), key);
        var shown = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityAction.Start, ActivityOutcome.Succeeded, "Heat (1995)", null), (shown.Action, shown.Outcome, shown.ItemName, shown.Reason));
        Assert.Equal(1, _tracker.ActivePlaybacks);
    }

    [Fact]
    public async Task Pause_resume_and_a_settled_seek_are_each_sent_with_their_position()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);

        Handle(PlaybackEventKind.Progress, 60, paused: true);
        Handle(PlaybackEventKind.Progress, 60, at: 300);
        Handle(PlaybackEventKind.Progress, 3000, at: 301);
        Handle(PlaybackEventKind.Progress, 3003, at: 304);
        await _tracker.DrainAsync();

        Assert.Equal(
            [(ScrobbleAction.Start, 0.33), (ScrobbleAction.Pause, 1), (ScrobbleAction.Start, 1), (ScrobbleAction.Start, 50.05)],
            Scrobbles().Select(s => (s.Action, s.Request.Progress)));
        Assert.Equal(
            [ActivityAction.Start, ActivityAction.Pause, ActivityAction.Start, ActivityAction.Start],
            _f.ActivityOf(_alice).Select(a => a.Action));
    }

    [Fact]
    public async Task A_watched_stop_is_in_the_outbox_before_simkl_hears_it_and_leaves_when_simkl_recorded_it()
    {
        await LinkAsync();
        PendingCompletion? onDiskDuringStop = null;
        _f.Client.ScrobbleAsync(ScrobbleAction.Stop, Arg.Any<ScrobbleRequest>(), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(async _ =>
            {
                onDiskDuringStop = (await _f.Outbox.GetAllAsync(CancellationToken.None)).SingleOrDefault();
                return SimklResult.Success(new ScrobbleResponse("1", "scrobble", 90));
            });

        await WatchAsync(5400);

        Assert.NotNull(onDiskDuringStop);
        Assert.True(onDiskDuringStop.MayHaveReachedSimkl);
        Assert.Equal(_t0.AddSeconds(5400), onDiskDuringStop.WatchedAt);
        Assert.Equal("Heat (1995)", onDiskDuringStop.ItemName);
        Assert.Empty(onDiskDuringStop.Episodes);
        Assert.Equal((ScrobbleAction.Stop, 90.0), (Scrobbles()[^1].Action, Scrobbles()[^1].Request.Progress));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.Equal(0, _tracker.StopsBeingRecorded);
        Assert.Equal(0, _tracker.ActivePlaybacks);
    }

    [Theory]
    [InlineData(4800, true)]
    [InlineData(4799, false)]
    public async Task A_stop_counts_as_watched_from_80_percent(int position, bool watched)
    {
        await LinkAsync();
        AnswerScrobble(ScrobbleAction.Stop, SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Unavailable, "Simkl is down."));

        await WatchAsync(position);

        Assert.Equal(ScrobbleAction.Stop, Scrobbles()[^1].Action);
        Assert.Equal(watched, (await _f.Outbox.GetAllAsync(CancellationToken.None)).Count == 1);
    }

    [Fact]
    public async Task A_stop_simkl_kept_as_a_pause_is_sent_to_history_when_our_threshold_says_watched()
    {
        await LinkAsync();
        AnswerScrobble(ScrobbleAction.Stop, SimklResult.Success(new ScrobbleResponse("1", "pause", 81)));

        await WatchAsync(4900);

        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Contains(_f.ActivityOf(_alice), a => a.Action == ActivityAction.MarkWatched && a.Outcome == ActivityOutcome.Succeeded);
    }

    [Fact]
    public async Task With_a_threshold_above_simkls_a_stop_between_the_two_is_sent_as_a_pause_and_not_recorded()
    {
        await LinkAsync();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { CompletionThresholdPercent = 95 });

        await WatchAsync(5400);

        Assert.Equal(ScrobbleAction.Pause, Scrobbles()[^1].Action);
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(0, await _f.HistoryCallsAsync());
    }

    [Fact]
    public async Task With_a_threshold_below_simkls_a_stop_under_80_percent_goes_to_history()
    {
        await LinkAsync();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { CompletionThresholdPercent = 50 });

        await WatchAsync(3600);

        Assert.Equal(ScrobbleAction.Stop, Scrobbles()[^1].Action);
        Assert.Equal(1, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_a_threshold_above_simkls_a_stop_at_exactly_80_percent_is_sent_as_a_pause()
    {
        await LinkAsync();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { CompletionThresholdPercent = 95 });

        await WatchAsync(4800);

        Assert.Equal((ScrobbleAction.Pause, 80.0), (Scrobbles()[^1].Action, Scrobbles()[^1].Request.Progress));
    }

    [Fact]
    public async Task With_a_threshold_below_simkls_an_episode_stopped_under_80_percent_goes_to_history_as_that_episode()
    {
        await LinkAsync();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { CompletionThresholdPercent = 50 });
        _heat = _heat with { Kind = TrackedMediaKind.Episode, Season = 2, Episode = 4 };
        HistoryRequest? history = null;
        _f.Client.AddToHistoryAsync(Arg.Do<HistoryRequest>(r => history = r), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SimklResult.Success(new HistoryResult(0, 0, 1, [], [])));

        await WatchAsync(3600);

        var season = Assert.Single(Assert.Single(history!.Shows).Seasons!);
        Assert.Equal((2, 4), (season.Number, Assert.Single(season.Episodes).Number));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_user_unlinked_mid_playback_gets_nothing_more_sent_and_nothing_fails()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        await _f.Accounts.UnlinkAsync(_alice, CancellationToken.None);
        Handle(PlaybackEventKind.Progress, 60, paused: true);
        await _tracker.DrainAsync();

        Assert.Single(Scrobbles());
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(_f.ActivityOf(_alice), a => a.Outcome == ActivityOutcome.Failed);
    }

    [Fact]
    public async Task A_file_search_that_could_not_reach_simkl_is_shown_as_failed()
    {
        await LinkAsync();
        _heat = _heat with { Ids = SimklIds.Empty };
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Failure<FileMatch>(SimklOutcome.Unavailable, "Simkl is down.", 503));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        var lookup = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityAction.Lookup, ActivityOutcome.Failed, "Simkl is down."), (lookup.Action, lookup.Outcome, lookup.Reason));
        Assert.Empty(Scrobbles());
    }

    [Fact]
    public async Task A_watched_stop_simkl_did_not_take_is_handed_to_the_replayer_at_once()
    {
        await LinkAsync();
        AnswerScrobble(ScrobbleAction.Stop, SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Unavailable, "Simkl is down."));

        await WatchAsync(5400);

        var waiting = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Equal(_f.Time.GetUtcNow(), waiting.NextAttemptAt);
        Assert.False(_f.Outbox.IsLeased(waiting.Id));
        var stop = _f.ActivityOf(_alice).Last();
        Assert.Equal((ActivityAction.Stop, ActivityOutcome.Deferred, "Simkl is down."), (stop.Action, stop.Outcome, stop.Reason));
    }

    [Fact]
    public async Task A_failed_start_is_shown_as_failed_with_simkls_reason()
    {
        await LinkAsync();
        AnswerScrobble(ScrobbleAction.Start, SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Unavailable, "Simkl is down."));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        var start = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityOutcome.Failed, "Simkl is down."), (start.Outcome, start.Reason));
    }

    [Fact]
    public async Task A_send_replaced_by_a_newer_one_is_not_shown()
    {
        await LinkAsync();
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Superseded, "Replaced."));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.Single(Scrobbles());
        Assert.Empty(_f.ActivityOf(_alice));
    }

    [Fact]
    public async Task A_401_breaks_the_link_and_says_so()
    {
        await LinkAsync();
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Unauthorized, "Revoked.", 401));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.True(_f.Accounts.Find(_alice)!.IsBroken);
        Assert.Equal(ActivityOutcome.LinkBroken, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task Ids_simkl_rejects_are_replaced_by_what_the_file_search_finds_and_the_start_is_sent_again()
    {
        await LinkAsync();
        var found = new SimklMediaObject("Heat", 1995, SimklIds.Of(("simkl", "53435")));
        _f.Client.ScrobbleAsync(ScrobbleAction.Start, Arg.Is<ScrobbleRequest>(r => r.Movie!.Ids.Contains("imdb")), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.NotFound, "id_err", 404));
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new FileMatch("movie", found, null, null)));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.Equal([_heat.Ids, found.Ids], Scrobbles().Select(s => s.Request.Movie!.Ids));
        Assert.Equal(ActivityOutcome.Succeeded, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task Rejected_ids_whose_file_search_finds_the_same_item_are_not_sent_again()
    {
        await LinkAsync();
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.NotFound, "id_err", 404));
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new FileMatch("movie", new SimklMediaObject("Heat", 1995, _heat.Ids), null, null)));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.Single(Scrobbles());
        Assert.Equal(ActivityOutcome.NotFound, Assert.Single(_f.ActivityOf(_alice)).Outcome);
    }

    [Fact]
    public async Task A_watch_whose_ids_simkl_rejected_waits_in_the_outbox_as_what_the_file_search_found()
    {
        await LinkAsync();
        var found = new SimklMediaObject("Heat", 1995, SimklIds.Of(("simkl", "53435")));
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.Unavailable, "Simkl is down."));
        _f.Client.ScrobbleAsync(ScrobbleAction.Stop, Arg.Is<ScrobbleRequest>(r => r.Movie!.Ids.Contains("imdb")), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.NotFound, "id_err", 404));
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new FileMatch("movie", found, null, null)));

        await WatchAsync(5400);

        Assert.Same(found, Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None)).Media.Media);
    }

    [Fact]
    public async Task A_single_episode_simkl_recorded_with_its_stop_is_not_sent_to_history()
    {
        await LinkAsync();
        _heat = _heat with { Kind = TrackedMediaKind.Episode, Season = 2, Episode = 4 };

        await WatchAsync(5400);

        Assert.Equal((ScrobbleAction.Stop, new SimklEpisodeNumber(2, 4)), (Scrobbles()[^1].Action, Scrobbles()[^1].Request.Episode));
        Assert.Equal(0, await _f.HistoryCallsAsync());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_client_that_went_silent_is_stopped_where_it_last_reported_itself()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        Handle(PlaybackEventKind.Progress, 3000);

        // Jellyfin's own timer moves the position on for the 5 minutes before it reaps the session.
        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, Key(), _t0.AddSeconds(3200), TimeSpan.FromSeconds(3200), false, IsAutomated: true));
        Handle(PlaybackEventKind.Stop, 3301);
        await _tracker.DrainAsync();

        Assert.Equal((ScrobbleAction.Stop, 50.0), (Scrobbles()[^1].Action, Scrobbles()[^1].Request.Progress));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("went silent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disposing_the_tracker_more_than_once_synchronously_or_not_is_harmless()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);

        var disposing = await Record.ExceptionAsync(async () =>
        {
            _tracker.Dispose();
            _tracker.Dispose();
            await _tracker.DisposeAsync();
        });

        Assert.Null(disposing);
    }

    [Fact]
    public async Task A_watch_of_an_item_simkl_knows_under_no_id_and_no_file_is_dismissed_visibly()
    {
        await LinkAsync();
        _f.Client.ScrobbleAsync(default, default!, default!, default, default).ReturnsForAnyArgs(SimklResult.Failure<ScrobbleResponse>(SimklOutcome.NotFound, "id_err", 404));
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "Not found.", 404));

        await WatchAsync(5400);

        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Contains(_f.ActivityOf(_alice), a => a.Action == ActivityAction.MarkWatched && a.Outcome == ActivityOutcome.NotFound);
    }

    [Fact]
    public async Task A_user_who_is_not_linked_costs_nothing_and_leaves_no_trace()
    {
        await WatchAsync(5400);

        Assert.Empty(Scrobbles());
        Assert.Empty(_f.ActivityOf(_alice));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Information);
        _options.DidNotReceiveWithAnyArgs().Get(default);
    }

    [Fact]
    public async Task An_item_the_users_options_leave_out_is_shown_as_skipped_once_and_never_sent()
    {
        await LinkAsync();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { TrackMovies = false });

        await WatchAsync(5400);

        Assert.Empty(Scrobbles());
        var skipped = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityAction.Ignore, ActivityOutcome.Skipped, "movies are not tracked for this user"), (skipped.Action, skipped.Outcome, skipped.Reason));
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_item_in_an_anime_library_is_sent_as_anime()
    {
        await LinkAsync();
        var library = Guid.NewGuid();
        _options.Get(_alice).Returns(UserTrackingOptions.Default with { AnimeLibraryIds = new HashSet<Guid> { library }.ToFrozenSet() });
        _heat = _heat with { Kind = TrackedMediaKind.Episode, LibraryIds = [library], Season = 1, Episode = 3 };

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        var request = Assert.Single(Scrobbles()).Request;
        Assert.NotNull(request.Anime);
        Assert.Null(request.Show);
        Assert.Equal(new SimklEpisodeNumber(1, 3), request.Episode);
    }

    [Fact]
    public async Task A_stop_or_an_event_without_its_item_for_a_playback_never_seen_is_ignored()
    {
        await LinkAsync();

        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Stop, Key(), _t0, TimeSpan.FromSeconds(5400), false, _heat));
        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, Key(), _t0, TimeSpan.FromSeconds(5400), false));
        await _tracker.DrainAsync();

        Assert.Equal(0, _tracker.ActivePlaybacks);
        Assert.True(_tracker.NeedsItem(Key(), PlaybackEventKind.Progress));
        Assert.Empty(Scrobbles());
    }

    [Fact]
    public async Task A_finished_playback_ignores_stragglers_and_a_new_start_begins_a_new_one()
    {
        await LinkAsync();
        await WatchAsync(5400);
        var sent = Scrobbles().Count;

        Handle(PlaybackEventKind.Progress, 5401, at: 5401);
        Handle(PlaybackEventKind.Stop, 5402, at: 5402);
        await _tracker.DrainAsync();
        var afterStragglers = Scrobbles().Count;

        Assert.False(_tracker.NeedsItem(Key(), PlaybackEventKind.Progress));
        Assert.True(_tracker.NeedsItem(Key(), PlaybackEventKind.Start));
        Handle(PlaybackEventKind.Start, 0, at: 5500);
        Handle(PlaybackEventKind.Progress, 20, at: 5520);
        await _tracker.DrainAsync();

        Assert.Equal(sent, afterStragglers);
        Assert.Equal(sent + 1, Scrobbles().Count);
        Assert.Equal(1, _tracker.ActivePlaybacks);
    }

    [Fact]
    public async Task A_finished_playback_is_forgotten_30_minutes_after_its_stop()
    {
        await LinkAsync();
        await WatchAsync(5400);
        var other = new PlaybackKey("other", _alice, Guid.NewGuid());

        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, other, _t0.AddSeconds(5400) + TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1), TimeSpan.Zero, false, _heat with { ItemId = other.ItemId }));
        var justBefore = _tracker.NeedsItem(Key(), PlaybackEventKind.Progress);
        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, other, _t0.AddSeconds(5400) + TimeSpan.FromMinutes(30), TimeSpan.Zero, false));

        Assert.False(justBefore);
        Assert.True(_tracker.NeedsItem(Key(), PlaybackEventKind.Progress));
    }

    [Fact]
    public async Task Beyond_the_most_remembered_finished_playbacks_the_oldest_is_forgotten()
    {
        await LinkAsync();
        var keys = Enumerable.Range(0, 3).Select(i => new PlaybackKey("session-" + i, _alice, Guid.NewGuid())).ToList();
        foreach (var key in keys)
        {
            _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Start, key, _t0, TimeSpan.Zero, false, _heat with { ItemId = key.ItemId }));
            _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Stop, key, _t0.AddSeconds(5), TimeSpan.FromSeconds(5), false));
        }

        await _tracker.DrainAsync();

        Assert.Equal([true, false, false], keys.Select(k => _tracker.NeedsItem(k, PlaybackEventKind.Progress)));
    }

    [Fact]
    public async Task A_playback_silent_for_more_than_6_hours_is_forgotten()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        var other = new PlaybackKey("other", _alice, Guid.NewGuid());
        var otherItem = _heat with { ItemId = other.ItemId };

        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Start, other, _t0.AddSeconds(20) + TimeSpan.FromHours(6), TimeSpan.Zero, false, otherItem));
        var atSixHours = _tracker.ActivePlaybacks;

        // Stale playbacks are looked for every 10 minutes, not at every event.
        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, other, _t0.AddSeconds(20) + TimeSpan.FromHours(6) + TimeSpan.FromMinutes(5), TimeSpan.Zero, false));
        var beforeTheNextSweep = _tracker.ActivePlaybacks;
        _tracker.Handle(new PlaybackEvent(PlaybackEventKind.Progress, other, _t0.AddSeconds(20) + TimeSpan.FromHours(6) + TimeSpan.FromMinutes(10), TimeSpan.Zero, false));

        Assert.Equal(2, atSixHours);
        Assert.Equal(2, beforeTheNextSweep);
        Assert.Equal(1, _tracker.ActivePlaybacks);
        Assert.True(_tracker.NeedsItem(Key(), PlaybackEventKind.Progress));
        await _tracker.DrainAsync();
    }

    [Fact]
    public async Task A_file_holding_two_episodes_follows_them_and_records_both()
    {
        await LinkAsync();
        _heat = new TrackedItem(Guid.NewGuid(), "Severance S01E01-E02", TrackedMediaKind.Episode, TimeSpan.FromSeconds(3600), "/media/s.mkv", [], "Severance", 2022, SimklIds.Of(("tvdb", "371980")), 1, 1, 2);
        HistoryRequest? history = null;
        _f.Client.AddToHistoryAsync(Arg.Do<HistoryRequest>(r => history = r), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(SimklResult.Success(new HistoryResult(0, 0, 1, [], [])));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        Handle(PlaybackEventKind.Progress, 1790);
        Handle(PlaybackEventKind.Progress, 1900);
        Handle(PlaybackEventKind.Progress, 3480);
        Handle(PlaybackEventKind.Stop, 3490);
        await _tracker.DrainAsync();

        Assert.Equal(
            [(ScrobbleAction.Start, 1, 1.11), (ScrobbleAction.Start, 2, 5.56), (ScrobbleAction.Stop, 2, 93.89)],
            Scrobbles().Select(s => (s.Action, s.Request.Episode!.Number, s.Request.Progress)));
        Assert.Equal([1], history!.Shows.Single().Seasons!.Single().Episodes.Select(e => e.Number));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_stop_during_shutdown_sends_nothing_and_leaves_its_watch_to_the_next_start()
    {
        await LinkAsync();
        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        Handle(PlaybackEventKind.Progress, 5390);
        await _tracker.DrainAsync();
        var sent = Scrobbles().Count;

        _tracker.StopSending();
        Handle(PlaybackEventKind.Stop, 5400);
        await _tracker.DrainAsync();

        Assert.Equal(sent, Scrobbles().Count);
        var left = Assert.Single(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.False(_f.Outbox.IsLeased(left.Id));
        Assert.Equal(0, _tracker.StopsBeingRecorded);
    }

    [Fact]
    public async Task A_file_search_that_crashes_is_shown_and_the_playback_goes_untracked()
    {
        await LinkAsync();
        _heat = _heat with { Ids = SimklIds.Empty };
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(_ => Task.FromException<SimklResult<FileMatch>>(new InvalidOperationException("A bug in the search.")));

        await WatchAsync(5400);

        Assert.Empty(Scrobbles());
        var lookup = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityAction.Lookup, ActivityOutcome.Failed, "A bug in the search."), (lookup.Action, lookup.Outcome, lookup.Reason));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_watch_whose_file_search_finds_nothing_after_the_stop_is_logged_as_not_sent()
    {
        await LinkAsync();
        _heat = _heat with { Ids = SimklIds.Empty };
        var search = new TaskCompletionSource<SimklResult<FileMatch>>();
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(search.Task);

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        Handle(PlaybackEventKind.Progress, 5390);
        Handle(PlaybackEventKind.Stop, 5400);
        search.SetResult(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "Not found.", 404));
        await _tracker.DrainAsync();

        Assert.Empty(Scrobbles());
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("cannot be sent to Simkl", StringComparison.Ordinal) && e.Message.Contains("Heat.mkv", StringComparison.Ordinal));
        Assert.Equal(0, _tracker.StopsBeingRecorded);
    }

    [Fact]
    public async Task A_file_simkl_does_not_know_is_shown_as_not_found_and_nothing_is_sent()
    {
        await LinkAsync();
        _heat = _heat with { Ids = SimklIds.Empty };
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Failure<FileMatch>(SimklOutcome.NotFound, "Not found.", 404));

        await WatchAsync(5400);

        Assert.Empty(Scrobbles());
        var lookup = Assert.Single(_f.ActivityOf(_alice));
        Assert.Equal((ActivityAction.Lookup, ActivityOutcome.NotFound), (lookup.Action, lookup.Outcome));
        Assert.Empty(await _f.Outbox.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_item_found_by_its_file_is_sent_as_what_simkl_found()
    {
        await LinkAsync();
        var found = new SimklMediaObject("Heat", 1995, SimklIds.Of(("simkl", "53435")));
        _heat = _heat with { Ids = SimklIds.Empty };
        _f.Client.SearchByFileAsync(default!, default).ReturnsForAnyArgs(SimklResult.Success(new FileMatch("movie", found, null, null)));

        Handle(PlaybackEventKind.Start, 0);
        Handle(PlaybackEventKind.Progress, 20);
        await _tracker.DrainAsync();

        Assert.Same(found, Assert.Single(Scrobbles()).Request.Movie);
    }

    private List<(ScrobbleAction Action, ScrobbleRequest Request, string? Key)> Scrobbles()
        => _f.Client.ReceivedCalls()
            .Where(c => c.GetMethodInfo().Name == nameof(ISimklClient.ScrobbleAsync))
            .Select(c => ((ScrobbleAction)c.GetArguments()[0]!, (ScrobbleRequest)c.GetArguments()[1]!, (string?)c.GetArguments()[3]))
            .ToList();

    private void AnswerScrobble(ScrobbleAction action, SimklResult<ScrobbleResponse> answer)
        => _f.Client.ScrobbleAsync(action, Arg.Any<ScrobbleRequest>(), Arg.Any<SimklToken>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(answer);

    private Task LinkAsync() => _f.Accounts.LinkAsync(_alice, new SimklToken("alice-token"), "alice", 7, CancellationToken.None);

    private PlaybackKey Key() => new("session-1", _alice, _heat.ItemId);

    private void Handle(PlaybackEventKind kind, int position, int? at = null, bool paused = false)
        => _tracker.Handle(new PlaybackEvent(kind, Key(), _t0.AddSeconds(at ?? position), TimeSpan.FromSeconds(position), paused, _tracker.NeedsItem(Key(), kind) ? _heat : null));

    /// <summary>Plays the movie from the start, with the client checking in, and stops it at <paramref name="position"/> seconds.</summary>
    private async Task WatchAsync(int position)
    {
        Handle(PlaybackEventKind.Start, 0);
        for (var at = 20; at < position; at += 240)
        {
            Handle(PlaybackEventKind.Progress, at);
        }

        Handle(PlaybackEventKind.Stop, position);
        await _tracker.DrainAsync();
    }
}
