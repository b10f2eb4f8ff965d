using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// Replaces a file in one step: a reader sees the old content or the new one, never half of either, and a crash
/// mid-write leaves the old file in place.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Only the server's own user may read or write the plugin's state files.</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, flushes it to disk, then moves it over.</summary>
    /// <param name="path">The file to replace.</param>
    /// <param name="content">The new content.</param>
    /// <param name="cancellationToken">Cancels the write before the move.</param>
    /// <returns>A task that completes once the new content is in place.</returns>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the content is never readable by others, not even for a moment.
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Moves a file that could not be read out of the way, keeping it for the administrator.</summary>
    /// <param name="path">The unreadable file.</param>
    /// <param name="now">The time, to name the kept copy.</param>
    /// <returns>Where the file went.</returns>
    public static string SetAside(string path, DateTimeOffset now)
    {
        var kept = path + ".unreadable-" + now.ToUniversalTime().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        File.Move(path, kept, overwrite: true);
        return kept;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is only clutter; the original is intact.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
