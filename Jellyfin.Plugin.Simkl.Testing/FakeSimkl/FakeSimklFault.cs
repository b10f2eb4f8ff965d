using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>A fault the fake injects into the next <see cref="Count"/> requests whose path starts with <see cref="PathPrefix"/>.</summary>
public sealed record FakeSimklFault(FakeSimklFaultKind Kind, int Count = 1, int StatusCode = 500, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, string PathPrefix = "/", string Error = "injected")
{
    public int Remaining { get; set; } = Count;

    public static FakeSimklFault Status(int statusCode, int count = 1, TimeSpan? retryAfter = null, string pathPrefix = "/", string error = "injected")
        => new(FakeSimklFaultKind.Status, count, statusCode, retryAfter, PathPrefix: pathPrefix, Error: error);

    public static FakeSimklFault Slow(TimeSpan delay, int count = 1, string pathPrefix = "/")
        => new(FakeSimklFaultKind.Slow, count, Delay: delay, PathPrefix: pathPrefix);

    public static FakeSimklFault Of(FakeSimklFaultKind kind, int count = 1, string pathPrefix = "/")
        => new(kind, count, PathPrefix: pathPrefix);
}
