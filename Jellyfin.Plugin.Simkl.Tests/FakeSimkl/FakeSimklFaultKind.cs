namespace Jellyfin.Plugin.Simkl.Tests.FakeSimkl;

public enum FakeSimklFaultKind
{
    Status,
    Slow,
    DropConnection,
    HtmlPage,
    TruncatedJson,
    MalformedJson,
}
