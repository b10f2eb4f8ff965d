using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklClientEndpointTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;
    private FakeSimklUser _alice = null!;
    private FakeSimklItem _movie = null!;

    private ISimklClient Client => _harness.Client;

    private FakeSimklServer Simkl => _harness.Simkl;

    private SimklToken AliceToken => new(_alice.Token);

    public async Task InitializeAsync()
    {
        _harness = await SimklClientHarness.StartAsync();
        _alice = Simkl.AddUser("alice");
        _movie = Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"), ("tmdb", "27205"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Pin_flow_pending_then_slow_down_then_approved_hands_back_the_token()
    {
        var pin = await Run(Client.RequestPinCodeAsync(CancellationToken.None));
        Assert.Equal(SimklOutcome.Success, pin.Outcome);
        Assert.Equal(new Uri("https://simkl.com/pin/"), pin.Value!.VerificationUrl);
        Assert.Equal(TimeSpan.FromSeconds(900), pin.Value.ExpiresIn);
        Assert.Equal(TimeSpan.FromSeconds(5), pin.Value.Interval);

        var pending = await Run(Client.PollPinCodeAsync(pin.Value.UserCode, CancellationToken.None));
        var tooSoon = await Run(Client.PollPinCodeAsync(pin.Value.UserCode, CancellationToken.None));
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(5));
        Simkl.Approve(pin.Value.UserCode, _alice);
        var approved = await Run(Client.PollPinCodeAsync(pin.Value.UserCode, CancellationToken.None));

        Assert.Equal(PinPollStatus.Pending, pending.Value!.Status);
        Assert.Equal(PinPollStatus.SlowDown, tooSoon.Value!.Status);
        Assert.Equal(PinPollStatus.Approved, approved.Value!.Status);
        Assert.Equal(_alice.Token, approved.Value.Token!.Value);
    }

    [Fact]
    public async Task An_expired_or_unknown_pin_code_is_gone()
    {
        var pin = await Run(Client.RequestPinCodeAsync(CancellationToken.None));
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(901), TimeSpan.FromSeconds(30));

        var expired = await Run(Client.PollPinCodeAsync(pin.Value!.UserCode, CancellationToken.None));
        var unknown = await Run(Client.PollPinCodeAsync("NOPE1", CancellationToken.None));

        Assert.Equal(PinPollStatus.Gone, expired.Value!.Status);
        Assert.Equal(PinPollStatus.Gone, unknown.Value!.Status);
    }

    [Fact]
    public async Task User_settings_name_the_connected_account_and_a_revoked_token_is_unauthorized()
    {
        var profile = await Run(Client.GetUserProfileAsync(AliceToken, CancellationToken.None));
        Simkl.Revoke(_alice);
        var revoked = await Run(Client.GetUserProfileAsync(AliceToken, CancellationToken.None));

        Assert.Equal("alice", profile.Value!.Name);
        Assert.Equal(500, profile.Value.AccountId);
        Assert.Equal(SimklOutcome.Unauthorized, revoked.Outcome);
        Assert.Equal(401, revoked.StatusCode);
        Assert.Equal("user_token_failed", revoked.ErrorCode);
    }

    [Fact]
    public async Task Start_pause_and_stop_at_or_above_80_percent_record_one_watch()
    {
        var start = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 10), AliceToken, null, CancellationToken.None));
        var pause = await Run(Client.ScrobbleAsync(ScrobbleAction.Pause, SimklClientRequestTests.MovieRequest(_movie, 40), AliceToken, null, CancellationToken.None));
        var stop = await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 95), AliceToken, null, CancellationToken.None));

        Assert.Equal(("start", SimklOutcome.Success), (start.Value!.Action, start.Outcome));
        Assert.Equal("pause", pause.Value!.Action);
        Assert.Equal("scrobble", stop.Value!.Action);
        Assert.NotNull(stop.Value.Id);
        var watch = Assert.Single(Simkl.HistoryOf(_alice));
        Assert.Equal(_movie.SimklId, watch.SimklId);
    }

    [Fact]
    public async Task A_stop_below_80_percent_keeps_a_paused_playback_and_records_nothing()
    {
        var stop = await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 42.5), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, stop.Outcome);
        Assert.Equal("pause", stop.Value!.Action);
        Assert.Empty(Simkl.History);
    }

    [Fact]
    public async Task A_repeated_stop_is_already_recorded_not_an_error()
    {
        await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 99), AliceToken, null, CancellationToken.None));
        var again = await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 99), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.AlreadyRecorded, again.Outcome);
        Assert.True(again.IsDone);
        Assert.Single(Simkl.History);
    }

    [Fact]
    public async Task An_unmatched_item_is_not_found_and_not_retried()
    {
        var unknown = new ScrobbleRequest(5, Movie: new SimklMediaObject("Nothing", 1999, SimklIds.Of(("imdb", "tt9999999"))));

        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, unknown, AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.NotFound, result.Outcome);
        Assert.Equal("id_err", result.ErrorCode);
        Assert.Single(Simkl.Requests);
    }

    [Fact]
    public async Task A_bad_request_is_a_bug_reported_once_and_never_retried()
    {
        Simkl.Inject(FakeSimklFault.Status(400, error: "empty_field"));

        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.BadRequest, result.Outcome);
        Assert.Equal("empty_field", result.ErrorCode);
        Assert.Single(Simkl.Requests);
    }

    [Fact]
    public async Task The_per_user_lock_is_waited_out_and_the_write_sent_once_more()
    {
        Simkl.Inject(FakeSimklFault.Status(400, error: "RATE_LIMIT", pathPrefix: "/scrobble/"));

        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        var requests = Simkl.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_lock_that_persists_is_reported_as_user_locked()
    {
        Simkl.Inject(FakeSimklFault.Status(400, count: 2, error: "RATE_LIMIT", pathPrefix: "/scrobble/"));

        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.UserLocked, result.Outcome);
        Assert.True(result.IsTransient);
    }

    [Fact]
    public async Task Search_by_file_returns_the_show_and_the_episode_numbering()
    {
        var office = Simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        Simkl.AddFile(office, "The Office S04E01.mkv");

        var found = await Run(Client.SearchByFileAsync(new FileSearchRequest("/tv/The Office/Season 4/The Office S04E01.mkv"), CancellationToken.None));
        var missing = await Run(Client.SearchByFileAsync(new FileSearchRequest("/tv/Unknown/Unknown.S01E01.mkv"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, found.Outcome);
        Assert.Equal(office.SimklId, found.Value!.Show!.Ids.Simkl);
        Assert.Equal((4, 1), (found.Value.Episode!.Season, found.Value.Episode.Number));
        Assert.Equal(SimklOutcome.NotFound, missing.Outcome);
        Assert.False(found.Value.Show.Ids.IsEmpty);
    }

    [Fact]
    public async Task Search_by_id_returns_hits_and_nothing_found_is_an_empty_list()
    {
        var hits = await Run(Client.SearchByIdAsync(new IdLookup("tmdb", "27205", "movie"), CancellationToken.None));
        var none = await Run(Client.SearchByIdAsync(new IdLookup("imdb", "tt0000000"), CancellationToken.None));

        var hit = Assert.Single(hits.Value!);
        Assert.Equal(_movie.SimklId, hit.Ids.Simkl);
        Assert.Equal("Inception", hit.Title);
        Assert.Equal(SimklOutcome.Success, none.Outcome);
        Assert.Empty(none.Value!);
        Assert.Equal("movie", Simkl.Requests[0].Query["type"]);
    }

    [Fact]
    public async Task History_with_an_unknown_item_reports_what_was_added_and_is_not_a_success()
    {
        var show = Simkl.AddShow("The Walking Dead", 2010, ("tvdb", "153021"));
        var watchedAt = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);
        var request = new HistoryRequest(
            [new HistoryMovie("Unknown", 2001, SimklIds.Of(("imdb", "tt0000042")), watchedAt)],
            [new HistoryShow("The Walking Dead", 2010, SimklIds.Of(("tvdb", "153021")), [new HistorySeason(1, [new HistoryEpisode(4, watchedAt)])])]);

        var result = await Run(Client.AddToHistoryAsync(request, AliceToken, null, CancellationToken.None));

        // Something sent was not found, so the write as a whole is not done; the caller still sees what was added.
        Assert.Equal(SimklOutcome.NotFound, result.Outcome);
        Assert.False(result.IsDone);
        Assert.False(result.Value!.AllFound);
        Assert.Equal((0, 1, 1), (result.Value!.AddedMovies, result.Value.AddedShows, result.Value.AddedEpisodes));
        Assert.Equal("tt0000042", Assert.Single(result.Value.NotFoundMovies)["imdb"]);
        var watch = Assert.Single(Simkl.HistoryOf(_alice));
        Assert.Equal((show.SimklId, 1, 4, watchedAt), (watch.SimklId, watch.Season, watch.Episode, watch.WatchedAt));
    }

    [Theory]
    [InlineData(FakeSimklFaultKind.HtmlPage)]
    [InlineData(FakeSimklFaultKind.TruncatedJson)]
    [InlineData(FakeSimklFaultKind.MalformedJson)]
    public async Task A_broken_success_body_is_never_read_as_data(FakeSimklFaultKind kind)
    {
        Simkl.Inject(FakeSimklFault.Of(kind));

        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.Null(result.Value);
        Assert.False(result.IsDone);
    }

    [Fact]
    public async Task A_session_id_sent_as_a_string_or_a_number_is_read_either_way()
    {
        var result = await Run(Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None));

        Assert.Matches("^[0-9]+$", result.Value!.Id);
        Assert.Equal(5, result.Value.Progress);
    }

    [Fact]
    public async Task A_stop_below_80_percent_says_simkl_kept_it_paused_and_one_at_80_says_it_recorded_the_watch()
    {
        var bob = Simkl.AddUser("bob");

        var below = await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 79.99), AliceToken, null, CancellationToken.None));
        var at = await Run(Client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(_movie, 80), new SimklToken(bob.Token), null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, below.Outcome);
        Assert.True(below.Value!.SavedAsPaused);
        Assert.Empty(Simkl.HistoryOf(_alice));
        Assert.False(at.Value!.SavedAsPaused);
        Assert.Single(Simkl.HistoryOf(bob));
    }

    [Fact]
    public async Task History_for_an_episode_the_show_does_not_have_is_not_found_and_names_the_episode()
    {
        var show = Simkl.AddShow("The Walking Dead", 2010, ("tvdb", "153021"));
        Simkl.SetEpisodes(show, (1, 6));
        var watchedAt = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);
        var request = new HistoryRequest(
            [],
            [new HistoryShow("The Walking Dead", 2010, SimklIds.Of(("tvdb", "153021")), [new HistorySeason(1, [new HistoryEpisode(9, watchedAt)])])]);

        var result = await Run(Client.AddToHistoryAsync(request, AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.NotFound, result.Outcome);
        Assert.False(result.IsDone);
        Assert.Equal("not_found", result.ErrorCode);
        var missing = Assert.Single(result.Value!.NotFoundEpisodes);
        Assert.Equal((1, 9, "153021"), (missing.Season, missing.Number, missing.ShowIds["tvdb"]));
        Assert.Empty(Simkl.HistoryOf(_alice));
    }

    [Fact]
    public async Task History_where_everything_was_found_is_a_success()
    {
        var show = Simkl.AddShow("The Walking Dead", 2010, ("tvdb", "153021"));
        Simkl.SetEpisodes(show, (1, 6));
        var watchedAt = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);
        var request = new HistoryRequest(
            [new HistoryMovie("Inception", 2010, SimklIds.Of(("imdb", "tt1375666")), watchedAt)],
            [new HistoryShow("The Walking Dead", 2010, SimklIds.Of(("tvdb", "153021")), [new HistorySeason(1, [new HistoryEpisode(6, watchedAt)])])]);

        var result = await Run(Client.AddToHistoryAsync(request, AliceToken, null, CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        Assert.True(result.Value!.AllFound);
        Assert.Equal(2, Simkl.HistoryOf(_alice).Count);
    }

    [Fact]
    public async Task Search_by_file_can_answer_the_show_alone_without_an_episode()
    {
        var office = Simkl.AddShow("The Office (US)", 2005, ("tvdb", "73244"));
        Simkl.AddShowOnlyFile(office, "The Office - Fun Run.mkv");

        var found = await Run(Client.SearchByFileAsync(new FileSearchRequest("/tv/The Office/The Office - Fun Run.mkv"), CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, found.Outcome);
        Assert.Equal("show", found.Value!.Type);
        Assert.Equal(office.SimklId, found.Value.Show!.Ids.Simkl);
        Assert.Null(found.Value.Episode);
        Assert.Null(found.Value.Movie);
    }

    [Fact]
    public async Task Two_tokens_of_one_account_share_one_write_spacing_when_they_carry_the_account()
    {
        var aliceOnTheTv = Simkl.AddToken(_alice);
        var account = _alice.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var phone = new SimklToken(_alice.Token) { AccountKey = account };
        var tv = new SimklToken(aliceOnTheTv.Token) { AccountKey = account };

        var results = await Run(Task.WhenAll(
            Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), phone, null, CancellationToken.None),
            Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 7), tv, null, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SimklOutcome.Success, r.Outcome));
        Assert.Equal(0, Simkl.LockViolations);
        Assert.Equal(2, Simkl.Requests.Count);
        Assert.True(Simkl.SmallestWriteGap() >= TimeSpan.FromSeconds(20), $"Smallest gap {Simkl.SmallestWriteGap()}");
    }

    [Fact]
    public async Task A_real_lock_collision_is_read_as_the_lock_waited_out_and_the_write_sent_exactly_once_more()
    {
        // Without the account, two tokens of one account look like two accounts: Simkl's own lock then refuses one
        // write with 400 RATE_LIMIT, which must be read as the lock (not a bad request) and sent once more.
        var aliceOnTheTv = Simkl.AddToken(_alice);

        var results = await Run(Task.WhenAll(
            Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), AliceToken, null, CancellationToken.None),
            Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 7), new SimklToken(aliceOnTheTv.Token), null, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SimklOutcome.Success, r.Outcome));
        Assert.Equal(1, Simkl.LockViolations);
        var requests = Simkl.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(new[] { 200, 400, 200 }, requests.OrderBy(r => r.Time).Select(r => r.Status));
        Assert.True(requests[2].Time - requests[1].Time >= TimeSpan.FromSeconds(20));
    }

    private Task<T> Run<T>(Task<T> call) => _harness.RunAsync(call);
}
