using System;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Tests.Playback;

/// <summary>
/// The rules of one playback, one event at a time, at the edges of each rule: when it has really begun, what counts as
/// a seek, where it ended, and how long it is remembered. The tracking scenarios show the same rules end to end.
/// </summary>
public sealed class PlaybackSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
    private static readonly PlaybackTrackingOptions Rules = new();
    private static readonly PlaybackKey Key = new("session-1", Guid.NewGuid(), Guid.NewGuid());
    private static readonly TrackedItem Heat = new(Key.ItemId, "Heat", TrackedMediaKind.Movie, TimeSpan.FromMinutes(170), "/m/Heat.mkv", [], "Heat", 1995, SimklIds.Of(("imdb", "tt0113277")));

    [Fact]
    public void A_playback_begins_after_exactly_20_seconds_of_play_and_not_a_second_before()
    {
        var playback = Started();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(19)));
        Assert.Equal(PlaybackPhase.Waiting, playback.Phase);
        Assert.Equal(PlaybackStep.Begin, playback.Observe(Progress(20)));
        Assert.Equal(PlaybackPhase.Begun, playback.Phase);
        Assert.Equal(TimeSpan.FromSeconds(20), playback.PlayedFor);
    }

    [Fact]
    public void Paused_time_does_not_count_towards_the_20_seconds()
    {
        var playback = Started();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(10)));
        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(10, at: 10, paused: true)));
        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(10, at: 600)));
        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(19, at: 609)));
        Assert.Equal(TimeSpan.FromSeconds(19), playback.PlayedFor);
        Assert.Equal(PlaybackStep.Begin, playback.Observe(Progress(20, at: 610)));
    }

    [Fact]
    public void A_paused_progress_never_begins_a_playback_even_after_long_enough()
    {
        var playback = Started();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(30, paused: true)));
        Assert.Equal(PlaybackPhase.Waiting, playback.Phase);
    }

    [Fact]
    public void Pause_and_resume_are_reported_once_each()
    {
        var playback = Begun();

        Assert.Equal(PlaybackStep.Pause, playback.Observe(Progress(60, at: 60, paused: true)));
        Assert.True(playback.IsPaused);
        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(60, at: 70, paused: true)));
        Assert.Equal(PlaybackStep.Resume, playback.Observe(Progress(60, at: 300)));
        Assert.False(playback.IsPaused);
        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(61, at: 301)));
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(-15, false)]
    [InlineData(-16, true)]
    public void A_position_off_by_more_than_15_seconds_is_a_seek(int drift, bool isSeek)
    {
        var playback = Begun();

        var step = playback.Observe(Progress(60 + drift, at: 60));

        Assert.Equal(isSeek ? PlaybackStep.None : PlaybackStep.Playing, step);
        Assert.Equal(TimeSpan.FromSeconds(60 + drift), playback.LastPosition);
    }

    [Fact]
    public void A_seek_is_reported_once_the_position_has_held_for_3_seconds()
    {
        var playback = Begun();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(1800, at: 60)));
        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(1802, at: 62)));
        Assert.Equal(PlaybackStep.Seeked, playback.Observe(Progress(1803, at: 63)));
        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(1804, at: 64)));
    }

    [Fact]
    public void Scrubbing_restarts_the_wait_for_the_seek_to_settle()
    {
        var playback = Begun();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(1800, at: 60)));
        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(3000, at: 62)));
        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(3002, at: 64)));
        Assert.Equal(PlaybackStep.Seeked, playback.Observe(Progress(3003, at: 65)));
    }

    [Fact]
    public void A_pause_during_a_seek_ends_the_wait_without_a_seek_report()
    {
        var playback = Begun();

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(1800, at: 60)));
        Assert.Equal(PlaybackStep.Pause, playback.Observe(Progress(1800, at: 61, paused: true)));
        Assert.Equal(PlaybackStep.Resume, playback.Observe(Progress(1800, at: 70)));
        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(1805, at: 75)));
    }

    [Fact]
    public void A_progress_without_a_position_is_where_the_clock_says()
    {
        var playback = Begun();

        Assert.Equal(PlaybackStep.Playing, playback.Observe(new PlaybackEvent(PlaybackEventKind.Progress, Key, T0.AddSeconds(50), null, false)));
        Assert.Equal(TimeSpan.FromSeconds(50), playback.LastPosition);
    }

    [Fact]
    public void An_event_a_little_older_than_the_last_one_neither_rewinds_the_clock_nor_counts_negative_time()
    {
        var playback = Begun();
        playback.Observe(Progress(40, at: 40));

        Assert.Equal(PlaybackStep.Playing, playback.Observe(Progress(39, at: 39)));
        Assert.Equal(TimeSpan.FromSeconds(40), playback.PlayedFor);
        Assert.Equal(T0.AddSeconds(40), playback.LastEventAt);
    }

    [Fact]
    public void A_start_queued_behind_a_progress_neither_counts_its_wait_nor_rewinds_the_position()
    {
        var playback = new PlaybackSession(Progress(3600, at: 1), Heat, Rules);

        Assert.Equal(PlaybackStep.None, playback.Observe(new PlaybackEvent(PlaybackEventKind.Start, Key, T0, TimeSpan.FromSeconds(3599), false)));
        Assert.Equal(TimeSpan.FromSeconds(3600), playback.LastPosition);
        Assert.Equal(TimeSpan.Zero, playback.PlayedFor);

        // That start settles it: the playback began now, so a stop 5 seconds later is zapping.
        Assert.Null(playback.Finish(Stop(3605, at: 6)));
    }

    [Fact]
    public void A_second_start_is_an_ordinary_event()
    {
        var playback = Started();

        Assert.Equal(PlaybackStep.None, playback.Observe(new PlaybackEvent(PlaybackEventKind.Start, Key, T0.AddSeconds(10), TimeSpan.FromSeconds(10), false)));
        Assert.Equal(TimeSpan.FromSeconds(10), playback.PlayedFor);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void A_playback_first_seen_midway_without_a_start_began_long_ago(int position, bool counts)
    {
        var playback = new PlaybackSession(Progress(position, at: 0), Heat, Rules);

        var end = playback.Finish(Stop(position + 2, at: 2));

        Assert.Equal(counts, end is not null);
        Assert.Equal(counts ? new PlaybackEnd(TimeSpan.FromSeconds(position + 2), false) : null, end);
    }

    [Fact]
    public void A_stop_before_20_seconds_of_play_is_zapping_and_sends_nothing()
    {
        var playback = Started();
        playback.Observe(Progress(10));

        Assert.Null(playback.Finish(Stop(19, at: 19)));
        Assert.Equal(PlaybackPhase.Finished, playback.Phase);
    }

    [Fact]
    public void A_stop_that_completes_20_seconds_of_play_counts_though_no_progress_announced_it()
    {
        var playback = Started();
        playback.Observe(Progress(10));

        Assert.Equal(new PlaybackEnd(TimeSpan.FromSeconds(20), false), playback.Finish(Stop(20, at: 20)));
    }

    [Fact]
    public void A_stop_of_an_announced_playback_says_so_and_a_second_stop_gives_nothing()
    {
        var playback = Begun();

        Assert.Equal(new PlaybackEnd(TimeSpan.FromSeconds(30), true), playback.Finish(Stop(30, at: 30)));
        Assert.Null(playback.Finish(Stop(31, at: 31)));
    }

    [Fact]
    public void A_stop_without_a_position_ends_where_the_clock_says_or_where_it_was_paused()
    {
        var playing = Begun();
        var paused = Begun();
        paused.Observe(Progress(25, at: 25, paused: true));

        Assert.Equal(TimeSpan.FromSeconds(40), playing.Finish(new PlaybackEvent(PlaybackEventKind.Stop, Key, T0.AddSeconds(40), null, false))!.Position);
        Assert.Equal(TimeSpan.FromSeconds(25), paused.Finish(new PlaybackEvent(PlaybackEventKind.Stop, Key, T0.AddSeconds(40), null, true))!.Position);
    }

    [Fact]
    public void A_late_stop_counts_only_how_far_the_position_moved_not_how_long_it_waited()
    {
        var playback = Started();
        playback.Observe(Progress(10));

        // The stop says 15 s but reaches us 60 s later: 15 s played, so this was zapping.
        Assert.Null(playback.Finish(Stop(15, at: 70)));
        Assert.Equal(TimeSpan.FromSeconds(15), playback.PlayedFor);
    }

    [Fact]
    public void A_stop_that_reports_a_position_behind_the_last_one_adds_no_time()
    {
        var playback = Started();
        playback.Observe(Progress(19));

        Assert.Null(playback.Finish(Stop(5, at: 30)));
        Assert.Equal(TimeSpan.FromSeconds(19), playback.PlayedFor);
    }

    [Fact]
    public void A_stop_that_moved_further_than_the_clock_counts_only_the_clock()
    {
        var playback = Started();
        playback.Observe(Progress(10));

        // A jump forward just before stopping is not time played.
        Assert.Null(playback.Finish(Stop(600, at: 15)));
        Assert.Equal(TimeSpan.FromSeconds(15), playback.PlayedFor);
    }

    [Fact]
    public void Time_paused_before_the_stop_is_not_counted()
    {
        var playback = Started();
        playback.Observe(Progress(15));
        playback.Observe(Progress(15, at: 15, paused: true));

        Assert.Null(playback.Finish(new PlaybackEvent(PlaybackEventKind.Stop, Key, T0.AddSeconds(300), null, true)));
        Assert.Equal(TimeSpan.FromSeconds(15), playback.PlayedFor);
    }

    [Fact]
    public void A_stop_by_the_reaper_ends_where_the_client_last_reported_itself()
    {
        var playback = Begun();
        playback.Observe(Progress(600, at: 600));

        // The client vanished; the server's 1 Hz timer kept moving the position on for 5 minutes and 1 second.
        playback.Observe(Progress(750, at: 750, automated: true));

        Assert.Equal(TimeSpan.FromSeconds(600), playback.Finish(Stop(901, at: 901))!.Position);
    }

    [Fact]
    public void A_stop_exactly_5_minutes_after_the_client_last_spoke_is_still_the_clients()
    {
        var playback = Begun();
        playback.Observe(Progress(600, at: 600));
        playback.Observe(Progress(750, at: 750, automated: true));

        Assert.Equal(TimeSpan.FromSeconds(900), playback.Finish(Stop(900, at: 900))!.Position);
    }

    [Fact]
    public void A_reaped_stop_behind_the_clients_last_report_keeps_its_own_position()
    {
        var playback = Begun();
        playback.Observe(Progress(600, at: 600));

        Assert.Equal(TimeSpan.FromSeconds(500), playback.Finish(Stop(500, at: 1000))!.Position);
    }

    [Fact]
    public void A_finished_playback_ignores_stragglers_and_is_remembered_for_30_minutes_after_its_last_event()
    {
        var playback = Begun();
        playback.Finish(Stop(100, at: 100));

        Assert.Equal(PlaybackStep.None, playback.Observe(Progress(101, at: 101)));
        Assert.Equal(PlaybackPhase.Finished, playback.Phase);
        Assert.Equal(T0.AddSeconds(100) + TimeSpan.FromMinutes(30), playback.ForgetAt);
        Assert.False(playback.IsExpired(playback.ForgetAt.AddTicks(-1), Rules.StaleAfter));
        Assert.True(playback.IsExpired(playback.ForgetAt, Rules.StaleAfter));
    }

    [Fact]
    public void A_stop_older_than_the_last_progress_is_remembered_from_the_progress()
    {
        var playback = Begun();
        playback.Observe(Progress(100, at: 100));

        playback.Finish(Stop(90, at: 90));

        Assert.Equal(T0.AddSeconds(100) + TimeSpan.FromMinutes(30), playback.ForgetAt);
        Assert.Equal(T0.AddSeconds(100), playback.LastEventAt);
    }

    [Fact]
    public void A_playback_that_never_stopped_is_forgotten_only_after_it_was_silent_too_long()
    {
        var playback = Begun();
        var staleAfter = TimeSpan.FromHours(6);

        Assert.Equal(DateTimeOffset.MaxValue, playback.ForgetAt);
        Assert.False(playback.IsExpired(T0.AddSeconds(20) + staleAfter, staleAfter));
        Assert.True(playback.IsExpired(T0.AddSeconds(20) + staleAfter + TimeSpan.FromTicks(1), staleAfter));
    }

    [Fact]
    public void A_completion_belongs_to_its_stop_until_released()
    {
        var playback = Begun();
        var completion = new PendingCompletion("id", Key.UserId, "Heat", new SimklMedia(SimklMediaKind.Movie, new SimklMediaObject("Heat", 1995, Heat.Ids)), [], T0, T0, T0);

        playback.Own(completion);
        Assert.Same(completion, playback.Completion);
        playback.Release();
        Assert.Null(playback.Completion);
    }

    [Fact]
    public void The_media_is_known_only_once_its_lookup_has_finished()
    {
        var playback = Started();
        var media = new SimklMedia(SimklMediaKind.Movie, new SimklMediaObject("Heat", 1995, Heat.Ids));
        var lookup = new TaskCompletionSource<MediaResolution>();

        Assert.Null(playback.Media);
        playback.Resolution = lookup.Task;
        Assert.Null(playback.Media);
        lookup.SetResult(new MediaResolution(media));
        Assert.Same(media, playback.Media);
        Assert.Equal("playback:" + Key, playback.CoalescingKey);
    }

    [Fact]
    public void Each_playback_has_its_own_coalescing_key_so_one_never_replaces_anothers_call()
    {
        var user = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var item = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        var key = new PlaybackKey("phone", user, item);

        Assert.Equal("phone/0f8fad5bd9cb469fa16570867728950e/7c9e6679742540de944be07fc1f90ae7", key.ToString());
        Assert.NotEqual(key.ToString(), (key with { SessionId = "tv" }).ToString());
        Assert.NotEqual(key.ToString(), (key with { UserId = Guid.NewGuid() }).ToString());
        Assert.NotEqual(key.ToString(), (key with { ItemId = Guid.NewGuid() }).ToString());
    }

    private static PlaybackSession Started() => new(new PlaybackEvent(PlaybackEventKind.Start, Key, T0, TimeSpan.Zero, false), Heat, Rules);

    private static PlaybackSession Begun()
    {
        var playback = Started();
        Assert.Equal(PlaybackStep.Begin, playback.Observe(Progress(20)));
        return playback;
    }

    private static PlaybackEvent Progress(int position, int? at = null, bool paused = false, bool automated = false)
        => new(PlaybackEventKind.Progress, Key, T0.AddSeconds(at ?? position), TimeSpan.FromSeconds(position), paused, IsAutomated: automated);

    private static PlaybackEvent Stop(int position, int at)
        => new(PlaybackEventKind.Stop, Key, T0.AddSeconds(at), TimeSpan.FromSeconds(position), false);
}
