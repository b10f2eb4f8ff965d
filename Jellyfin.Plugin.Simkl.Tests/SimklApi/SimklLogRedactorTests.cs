using Jellyfin.Plugin.Simkl.SimklApi.Http;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Whatever text reaches a log line or a message keeps its shape, so it stays readable, with every secret masked.</summary>
public sealed class SimklLogRedactorTests
{
    [Theory]
    [InlineData("GET /oauth/pin?client_id=abc&code=SECRET1&x=1", "GET /oauth/pin?client_id=abc&code=***&x=1")]
    [InlineData("access_token=SECRET1 refused", "access_token=*** refused")]
    [InlineData("""{"access_token": "SECRET1", "result": "OK"}""", """{"access_token": "***", "result": "OK"}""")]
    [InlineData("Authorization: bearer SECRET1.x-y", "Authorization: Bearer ***")]
    [InlineData("GET /oauth/pin/ABCDE?client_id=abc", "GET /oauth/pin/***?client_id=abc")]
    [InlineData("nothing secret here", "nothing secret here")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void Secrets_are_masked_and_the_rest_of_the_text_is_kept(string? text, string expected)
        => Assert.Equal(expected, SimklLogRedactor.Redact(text));
}
