using System;
using System.Net.Http;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>Reads a <c>Retry-After</c> header, in seconds or as a date, as a wait from now.</summary>
internal static class SimklRetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date && response?.Headers.Date is { } now)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
