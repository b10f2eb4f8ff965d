using System;
using System.Net.Http;
using System.Net.Http.Headers;
using Jellyfin.Plugin.Simkl.SimklApi.Http;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>A Retry-After in seconds or as a date is read as a wait from the answer's own time, never as a wait into the past.</summary>
public sealed class SimklRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_the_wait()
        => Assert.Equal(TimeSpan.FromSeconds(30), SimklRetryAfter.Read(Answer(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)))));

    [Fact]
    public void A_date_is_a_wait_from_the_answers_own_time()
        => Assert.Equal(TimeSpan.FromMinutes(2), SimklRetryAfter.Read(Answer(new RetryConditionHeaderValue(Now.AddMinutes(2)), Now)));

    [Fact]
    public void A_date_in_the_past_means_no_wait()
        => Assert.Equal(TimeSpan.Zero, SimklRetryAfter.Read(Answer(new RetryConditionHeaderValue(Now.AddMinutes(-2)), Now)));

    [Fact]
    public void No_header_or_a_date_without_the_answers_time_is_no_hint()
    {
        Assert.Null(SimklRetryAfter.Read(Answer(null)));
        Assert.Null(SimklRetryAfter.Read(Answer(new RetryConditionHeaderValue(Now.AddMinutes(2)))));
        Assert.Null(SimklRetryAfter.Read(null));
    }

    private static HttpResponseMessage Answer(RetryConditionHeaderValue? retryAfter, DateTimeOffset? date = null)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = retryAfter;
        response.Headers.Date = date;
        return response;
    }
}
