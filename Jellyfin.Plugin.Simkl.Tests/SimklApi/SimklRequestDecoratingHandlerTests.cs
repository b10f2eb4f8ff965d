using System;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Every address the client builds has no slash before its query (Simkl answers those with an empty body) and carries the app's identity.</summary>
public sealed class SimklRequestDecoratingHandlerTests
{
    private static readonly Uri Api = new("https://api.simkl.com/");

    [Theory]
    [InlineData(null, "https://api.simkl.com/?client_id=cid")]
    [InlineData("sync/history", "https://api.simkl.com/sync/history?client_id=cid")]
    [InlineData("/oauth/pin/", "https://api.simkl.com/oauth/pin?client_id=cid")]
    [InlineData("?extended=full", "https://api.simkl.com/?extended=full&client_id=cid")]
    [InlineData("sync/all-items/shows/?date_from=2026", "https://api.simkl.com/sync/all-items/shows?date_from=2026&client_id=cid")]
    public void A_relative_address_is_joined_to_the_api_without_a_slash_before_its_query(string? relative, string expected)
    {
        var built = SimklRequestDecoratingHandler.BuildUri(Api, relative is null ? null : new Uri(relative, UriKind.Relative), "cid").AbsoluteUri;

        Assert.StartsWith(expected + "&app-name=", built, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_address_keeps_only_its_path_and_query_so_every_call_goes_to_the_configured_api()
        => Assert.StartsWith(
            "https://api.simkl.com/search/file?x=1&client_id=cid&app-name=",
            SimklRequestDecoratingHandler.BuildUri(Api, new Uri("https://elsewhere.example/search/file?x=1"), "cid").AbsoluteUri,
            StringComparison.Ordinal);

    [Fact]
    public async Task Every_request_asks_for_json()
    {
        await using var harness = await SimklClientHarness.StartAsync();

        await harness.RunAsync(harness.Client.RequestPinCodeAsync(CancellationToken.None));

        Assert.Equal("application/json", Assert.Single(harness.Simkl.Requests).Headers["Accept"]);
    }
}
