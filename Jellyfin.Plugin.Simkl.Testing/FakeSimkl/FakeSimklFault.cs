using System;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>A fault the fake injects into the next <see cref="Count"/> requests whose path starts with <see cref="PathPrefix"/>.</summary>
public sealed record FakeSimklFault(FakeSimklFaultKind Kind, int Count = 1, int StatusCode = 500, TimeSpan? RetryAfter = null, TimeSpan? Delay = null, string PathPrefix = "/", string Error = "injected", string? ContentType = null, string? Body = null)
{
    public int Remaining { get; set; } = Count;

    public static FakeSimklFault Status(int statusCode, int count = 1, TimeSpan? retryAfter = null, string pathPrefix = "/", string error = "injected")
        => new(FakeSimklFaultKind.Status, count, statusCode, retryAfter, PathPrefix: pathPrefix, Error: error);

    /// <summary>
    /// The next <paramref name="count"/> matching requests get exactly this answer, with no work done: for answers Simkl's
    /// documents do not rule out (an older error envelope, an empty array, a plain-text body) or a proxy in the way sends.
    /// </summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="contentType">The Content-Type header, or null for none.</param>
    /// <param name="body">The body, sent as is.</param>
    /// <param name="pathPrefix">Which requests, for example "/oauth/pin".</param>
    /// <param name="count">How many.</param>
    /// <returns>The fault, for <see cref="FakeSimklServer.Inject"/>.</returns>
    public static FakeSimklFault Answer(int statusCode, string? contentType, string body, string pathPrefix = "/", int count = 1)
        => new(FakeSimklFaultKind.Answer, count, statusCode, PathPrefix: pathPrefix, ContentType: contentType, Body: body);

    public static FakeSimklFault Slow(TimeSpan delay, int count = 1, string pathPrefix = "/")
        => new(FakeSimklFaultKind.Slow, count, Delay: delay, PathPrefix: pathPrefix);

    public static FakeSimklFault Of(FakeSimklFaultKind kind, int count = 1, string pathPrefix = "/")
        => new(kind, count, PathPrefix: pathPrefix);

    /// <summary>
    /// Simkl records the next <paramref name="count"/> matching requests and the answer is lost on the way back: the
    /// connection drops, or (<paramref name="timesOut"/>) the answer is held for <paramref name="delay"/> (5 minutes of
    /// simulated time unless told), longer than any client waits. The request log marks them <see cref="FakeSimklRequest.AnswerLost"/>.
    /// </summary>
    /// <param name="pathPrefix">Which requests, for example "/scrobble/stop" or "/sync/history".</param>
    /// <param name="count">How many.</param>
    /// <param name="timesOut">Hold the answer instead of dropping the connection.</param>
    /// <param name="delay">How long a held answer is held.</param>
    /// <returns>The fault, for <see cref="FakeSimklServer.Inject"/>.</returns>
    public static FakeSimklFault AnswerLost(string pathPrefix = "/", int count = 1, bool timesOut = false, TimeSpan? delay = null)
        => new(timesOut ? FakeSimklFaultKind.AnswerTimesOut : FakeSimklFaultKind.AnswerLost, count, Delay: delay, PathPrefix: pathPrefix);
}
