namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

public enum FakeSimklFaultKind
{
    Status,
    Slow,
    DropConnection,
    HtmlPage,
    TruncatedJson,
    MalformedJson,
}
