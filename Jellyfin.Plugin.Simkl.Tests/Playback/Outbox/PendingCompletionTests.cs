using System;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.Playback.Outbox;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Tests.Playback.Outbox;

/// <summary>A pending watch goes only to the Simkl account that watched it, however the user is linked now.</summary>
public sealed class PendingCompletionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly SimklToken FirstToken = new("first-token");
    private static readonly SimklToken SecondToken = new("second-token");

    [Fact]
    public void A_watch_written_before_watches_were_bound_goes_to_whoever_the_user_is_linked_to()
        => Assert.True(Watch(accountId: null, token: null).BelongsTo(Link(SecondToken, 99)));

    [Theory]
    [InlineData(7, 7, true)]
    [InlineData(7, 8, false)]
    public void A_watch_with_its_account_goes_to_that_account_whichever_token_links_it(long watchedBy, long linkedTo, bool belongs)
        => Assert.Equal(belongs, Watch(watchedBy, FirstToken).BelongsTo(Link(SecondToken, linkedTo)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Without_both_account_ids_the_token_decides(bool sameToken)
    {
        var link = Link(sameToken ? FirstToken : SecondToken, linkedTo: null);

        Assert.Equal(sameToken, Watch(7, FirstToken).BelongsTo(link));
        Assert.Equal(sameToken, Watch(null, FirstToken).BelongsTo(link with { SimklAccountId = 7 }));
    }

    [Fact]
    public void A_watch_bound_to_an_account_only_is_not_sent_to_a_link_without_one()
        => Assert.False(Watch(7, token: null).BelongsTo(Link(FirstToken, linkedTo: null)));

    private static PendingCompletion Watch(long? accountId, SimklToken? token)
        => new("watch", Alice, "Heat", new SimklMedia(SimklMediaKind.Movie, new SimklMediaObject("Heat", 1995, SimklIds.Of(("imdb", "tt0113277")))), [], At, At, At)
        {
            SimklAccountId = accountId,
            TokenFingerprint = token?.Fingerprint,
        };

    private static SimklAccountLink Link(SimklToken token, long? linkedTo) => new(Alice, token, "alice", At, SimklAccountId: linkedTo);
}
