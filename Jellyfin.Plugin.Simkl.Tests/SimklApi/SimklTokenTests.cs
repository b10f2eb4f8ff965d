using System;
using Jellyfin.Plugin.Simkl.SimklApi;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>A token printed anywhere (a log template, an exception) shows only a short fingerprint.</summary>
public sealed class SimklTokenTests
{
    [Fact]
    public void A_token_prints_as_its_fingerprint_and_never_its_value()
    {
        var token = new SimklToken("a-very-secret-user-token");

        Assert.Equal("SimklToken(***" + token.Fingerprint + ")", token.ToString());
        Assert.DoesNotContain("secret", token.ToString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{8}$", token.Fingerprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_token_is_refused(string value)
        => Assert.ThrowsAny<ArgumentException>(() => new SimklToken(value));

    [Fact]
    public void Two_tokens_of_one_account_share_its_write_lane_and_a_token_alone_has_its_own()
    {
        var first = new SimklToken("token-one") { AccountKey = "42" };
        var second = new SimklToken("token-two") { AccountKey = "42" };
        var alone = new SimklToken("token-three");

        Assert.Equal(first.LaneKey, second.LaneKey);
        Assert.Equal("account:42", first.LaneKey);
        Assert.Equal("token:" + alone.Fingerprint, alone.LaneKey);
    }
}
