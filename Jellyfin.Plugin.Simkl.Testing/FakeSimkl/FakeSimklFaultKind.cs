namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

public enum FakeSimklFaultKind
{
    Status,
    Slow,
    DropConnection,
    HtmlPage,
    TruncatedJson,
    MalformedJson,

    /// <summary>Simkl processes and records the request, then the connection drops before the answer leaves.</summary>
    AnswerLost,

    /// <summary>Simkl processes and records the request, then holds the answer past any client's timeout.</summary>
    AnswerTimesOut,

    /// <summary>A 400 whose error echoes the request line and its Authorization header, as a careless proxy would.</summary>
    EchoRequest,

    /// <summary>An answer given as is (<see cref="FakeSimklFault.Answer"/>): status, content type and body.</summary>
    Answer,
}
