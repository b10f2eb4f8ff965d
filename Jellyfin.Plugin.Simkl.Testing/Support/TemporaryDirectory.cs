using System;
using System.IO;

namespace Jellyfin.Plugin.Simkl.Testing.Support;

/// <summary>A directory of its own for one test, removed afterwards.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "simkl-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Initializes a new instance of the <see cref="TemporaryDirectory"/> class on a folder another process created.</summary>
    public TemporaryDirectory(string existing)
    {
        Path = existing;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failing test must not hide that test's own failure.
        }
    }
}
