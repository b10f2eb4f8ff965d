using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>
/// How the client reads the answers Simkl's documents leave open (an older error envelope, a plain-text or empty body,
/// PIN answers without their optional fields): each one is read as what it means, and every failure explains itself in
/// words an administrator can act on.
/// </summary>
public sealed class SimklClientAnswerReadingTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;
    private FakeSimklUser _alice = null!;
    private FakeSimklItem _movie = null!;

    public async Task InitializeAsync()
    {
        _harness = await SimklClientHarness.StartAsync();
        _alice = _harness.Simkl.AddUser("alice");
        _movie = _harness.Simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(401, "user_token_failed", "revoked access")]
    [InlineData(403, "app_denied", "app not approved")]
    [InlineData(404, "id_err", "could not match the item")]
    [InlineData(409, "already_scrobbled", "already recorded")]
    [InlineData(412, "client_id_failed", "client id")]
    [InlineData(429, "too_many_requests", "slow down")]
    [InlineData(400, "RATE_LIMIT", "20-second lock")]
    [InlineData(400, "empty_field", "HTTP 400")]
    public async Task A_refusal_says_in_words_what_went_wrong_and_names_simkls_error(int status, string error, string words)
    {
        _harness.Simkl.Inject(FakeSimklFault.Status(status, count: 10, error: error));

        var result = await StartAsync();

        Assert.Contains(words, result.Message, StringComparison.Ordinal);
        Assert.Contains("(" + error + ")", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_without_an_error_id_is_explained_without_one()
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(404, "application/json", """{"message":"Not found"}""", "/scrobble/"));

        var result = await StartAsync();

        Assert.Equal((SimklOutcome.NotFound, (string?)null), (result.Outcome, result.ErrorCode));
        Assert.Equal("Simkl could not match the item.", result.Message);
    }

    [Theory]
    [InlineData("""{"code":"id_err"}""", "id_err")]
    [InlineData("""{"error":"id_err","code":404}""", "id_err")]
    [InlineData("""{"error":"id_err","code":"not_the_id"}""", "id_err")]
    [InlineData("""{"error":"  ","code":"id_err"}""", "id_err")]
    public async Task The_error_id_is_read_from_error_and_from_an_older_textual_code(string body, string expected)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(404, "application/json", body, "/scrobble/"));

        var result = await StartAsync();

        Assert.Equal((SimklOutcome.NotFound, expected), (result.Outcome, result.ErrorCode));
    }

    [Theory]
    [InlineData("text/plain", "OK", "text/plain")]
    [InlineData(null, "OK", "no content type")]
    public async Task A_success_that_is_not_json_is_not_taken_for_data_and_says_what_came_instead(string? contentType, string body, string words)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, contentType, body, "/scrobble/"));

        var result = await StartAsync();

        Assert.Equal(SimklOutcome.Unavailable, result.Outcome);
        Assert.Contains(words, result.Message, StringComparison.Ordinal);
        Assert.Contains("instead of JSON", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "[]")]
    [InlineData("application/json", "{}")]
    [InlineData("application/json", " null ")]
    [InlineData("application/json", "")]
    [InlineData("text/plain", "")]
    [InlineData("text/plain", " \n ")]
    [InlineData("application/problem+json", "{}")]
    public async Task A_success_with_an_empty_answer_is_a_success_with_nothing_in_it(string contentType, string body)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(201, contentType, body, "/scrobble/"));

        var result = await StartAsync();

        Assert.Equal(SimklOutcome.Success, result.Outcome);
        Assert.Null(result.Value!.Action);
    }

    [Fact]
    public async Task A_pin_answer_without_its_optional_fields_falls_back_to_the_stricter_documented_values()
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, "application/json", """{"result":"OK","user_code":"ABCDE","verification_url":"http://evil.example/pin","expires_in":0,"interval":0}""", "/oauth/pin"));

        var pin = await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(CancellationToken.None));

        // A link page that is not https is never shown to the user: Simkl's own page is.
        Assert.Equal(
            ("ABCDE", new Uri("https://simkl.com/pin/"), TimeSpan.FromSeconds(900), TimeSpan.FromSeconds(5)),
            (pin.Value!.UserCode, pin.Value.VerificationUrl, pin.Value.ExpiresIn, pin.Value.Interval));
    }

    [Fact]
    public async Task A_pin_answer_with_its_own_lifetime_and_interval_is_followed()
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, "application/json", """{"result":"OK","user_code":"ABCDE","verification_url":"https://simkl.com/pin/ABCDE","expires_in":3600,"interval":3}""", "/oauth/pin"));

        var pin = await _harness.RunAsync(_harness.Client.RequestPinCodeAsync(CancellationToken.None));

        Assert.Equal(
            (new Uri("https://simkl.com/pin/ABCDE"), TimeSpan.FromHours(1), TimeSpan.FromSeconds(3)),
            (pin.Value!.VerificationUrl, pin.Value.ExpiresIn, pin.Value.Interval));
    }

    [Theory]
    [InlineData("""{"result":"KO","error":"access_denied"}""", PinPollStatus.Denied, "declined")]
    [InlineData("""{"result":"KO","error":"expired_code"}""", PinPollStatus.Gone, "expired")]
    [InlineData("""{"result":"KO","error":"expired_token"}""", PinPollStatus.Gone, "expired")]
    [InlineData("""{"result":"KO","error":"slow_down"}""", PinPollStatus.SlowDown, null)]
    [InlineData("""{"result":"KO","error":"authorization_pending","user_code":"ABCDE"}""", PinPollStatus.Pending, null)]
    [InlineData("""{"result":"OK","access_token":"   "}""", PinPollStatus.Pending, null)]
    [InlineData("""{"result":"KO","message":"Slow down, please"}""", PinPollStatus.SlowDown, null)]
    public async Task Every_pin_poll_answer_is_read_as_what_it_means(string body, PinPollStatus expected, string? words)
    {
        _harness.Simkl.Inject(FakeSimklFault.Answer(200, "application/json", body, "/oauth/pin/"));

        var poll = await _harness.RunAsync(_harness.Client.PollPinCodeAsync("ABCDE", CancellationToken.None));

        Assert.Equal(SimklOutcome.Success, poll.Outcome);
        Assert.Equal(expected, poll.Value!.Status);
        Assert.Null(poll.Value.Token);
        if (words is null)
        {
            Assert.Null(poll.Value.Message);
        }
        else
        {
            Assert.Contains(words, poll.Value.Message, StringComparison.Ordinal);
        }
    }

    private Task<SimklResult<ScrobbleResponse>> StartAsync()
        => _harness.RunAsync(_harness.Client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(_movie, 5), new SimklToken(_alice.Token), null, CancellationToken.None));
}
