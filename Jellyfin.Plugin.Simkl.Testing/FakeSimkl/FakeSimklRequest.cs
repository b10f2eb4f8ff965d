using System;
using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>One request as the fake received it, stamped with the test's (fake) clock, and what it answered.</summary>
public sealed record FakeSimklRequest(
    DateTimeOffset Time,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? UserName,
    long? AccountId = null)
{
    public int Status { get; set; }

    /// <summary>Gets or sets a value indicating whether Simkl itself handled the request (not an injected fault or outage).</summary>
    public bool Handled { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether Simkl handled (and recorded) the request but its answer never reached the
    /// caller: the connection dropped or the answer came too late.
    /// </summary>
    public bool AnswerLost { get; set; }

    public bool IsWrite => Path.StartsWith("/scrobble/", StringComparison.Ordinal) || Path == "/sync/history" || Path == "/sync/history/remove";
}
