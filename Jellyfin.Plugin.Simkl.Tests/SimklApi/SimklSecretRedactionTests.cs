using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

public sealed class SimklSecretRedactionTests : IAsyncLifetime
{
    private SimklClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SimklClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_run_full_of_failures_logs_no_token_and_no_pin_code()
    {
        var simkl = _harness.Simkl;
        var client = _harness.Client;
        var alice = simkl.AddUser("alice");
        var bob = simkl.AddUser("bob");
        var movie = simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var pin = await _harness.RunAsync(client.RequestPinCodeAsync(CancellationToken.None));
        await _harness.RunAsync(client.PollPinCodeAsync(pin.Value!.UserCode, CancellationToken.None));
        simkl.Approve(pin.Value.UserCode, alice);
        await _harness.Time.AdvanceAsync(TimeSpan.FromSeconds(6));
        var approved = await _harness.RunAsync(client.PollPinCodeAsync(pin.Value.UserCode, CancellationToken.None));
        Assert.Equal(PinPollStatus.Approved, approved.Value!.Status);

        foreach (var fault in new[]
        {
            FakeSimklFault.Status(500, count: 2), FakeSimklFault.Of(FakeSimklFaultKind.HtmlPage), FakeSimklFault.Of(FakeSimklFaultKind.TruncatedJson),
            FakeSimklFault.Of(FakeSimklFaultKind.DropConnection), FakeSimklFault.Status(400, error: "RATE_LIMIT"), FakeSimklFault.Status(429, retryAfter: TimeSpan.FromHours(1)),
        })
        {
            simkl.Inject(fault);
            await _harness.RunAsync(client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 3), new SimklToken(alice.Token), null, CancellationToken.None));
        }

        simkl.Revoke(bob);
        await _harness.RunAsync(client.GetUserProfileAsync(new SimklToken(bob.Token), CancellationToken.None));
        await _harness.RunAsync(client.ScrobbleAsync(ScrobbleAction.Stop, SimklClientRequestTests.MovieRequest(movie, 90), new SimklToken(bob.Token), null, CancellationToken.None));
        simkl.Down = true;
        for (var i = 0; i < 6; i++)
        {
            await _harness.RunAsync(client.PollPinCodeAsync(pin.Value.UserCode, CancellationToken.None));
        }

        var logged = _harness.Logs.AllText;
        Assert.Contains("Simkl", logged, StringComparison.Ordinal);
        Assert.Contains("failed", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Token, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Token, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(pin.Value.UserCode, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSimklServer.ClientId + "&", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_echoes_the_request_back_never_puts_its_token_or_pin_code_in_a_log_line_or_a_result()
    {
        var simkl = _harness.Simkl;
        var client = _harness.Client;
        var alice = simkl.AddUser("alice");
        var movie = simkl.AddMovie("Inception", 2010, ("imdb", "tt1375666"));
        var pin = await _harness.RunAsync(client.RequestPinCodeAsync(CancellationToken.None));
        simkl.Inject(FakeSimklFault.Of(FakeSimklFaultKind.EchoRequest, count: 2));

        var poll = await _harness.RunAsync(client.PollPinCodeAsync(pin.Value!.UserCode, CancellationToken.None));
        var scrobble = await _harness.RunAsync(client.ScrobbleAsync(ScrobbleAction.Start, SimklClientRequestTests.MovieRequest(movie, 3), new SimklToken(alice.Token), null, CancellationToken.None));

        // The echo did reach the client (the fake answered with the secrets in its error id) ...
        Assert.Equal(SimklOutcome.BadRequest, scrobble.Outcome);
        Assert.Contains("***", scrobble.ErrorCode, StringComparison.Ordinal);
        Assert.Contains("/oauth/pin/***", poll.ErrorCode, StringComparison.Ordinal);

        // ... and neither the log nor what callers see (they put it in the activity log) holds a secret.
        var seen = _harness.Logs.AllText + scrobble.Message + scrobble.ErrorCode + poll.Message + poll.ErrorCode;
        Assert.Contains("bad_request", _harness.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Token, seen, StringComparison.Ordinal);
        Assert.DoesNotContain(pin.Value.UserCode, seen, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_never_print_themselves()
    {
        var token = new SimklToken("abcdef0123456789secret");

        Assert.DoesNotContain("abcdef0123456789secret", token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef0123456789secret", new { token }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_is_the_same_token_whatever_account_it_is_said_to_belong_to_and_the_account_decides_its_write_lane()
    {
        var bare = new SimklToken("abcdef0123456789secret");
        var withAccount = new SimklToken("abcdef0123456789secret") { AccountKey = "501" };
        var otherTokenSameAccount = new SimklToken("another-token-of-501") { AccountKey = "501" };

        Assert.Equal(bare, withAccount);
        Assert.Equal(bare.GetHashCode(), withAccount.GetHashCode());
        Assert.NotEqual(bare, otherTokenSameAccount);
        Assert.Equal(withAccount.LaneKey, otherTokenSameAccount.LaneKey);
        Assert.NotEqual(bare.LaneKey, withAccount.LaneKey);
        Assert.DoesNotContain("abcdef0123456789secret", bare.LaneKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET https://api.simkl.com/oauth/pin/ABC12?client_id=x", "ABC12")]
    [InlineData("{\"result\":\"OK\",\"access_token\":\"tok-123456\"}", "tok-123456")]
    [InlineData("Authorization: Bearer tok-abcdef", "tok-abcdef")]
    [InlineData("code=XYZ98&client_secret=shh-secret", "shh-secret")]
    [InlineData("code=XYZ98&client_secret=shh-secret", "XYZ98")]
    [InlineData("{\"user_code\": \"QWERT\"}", "QWERT")]
    public void The_redactor_masks_secrets_wherever_they_appear(string text, string secret)
    {
        var redacted = SimklLogRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
    }
}
