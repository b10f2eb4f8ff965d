using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Storage;

/// <summary>
/// Writes a file so that readers (and a crash at any moment) only ever see the old or the new content: write a
/// temporary file beside it, flush it to disk, then rename it over the target. Files are readable by the server's user only.
/// </summary>
internal static class AtomicFile
{
    private const int ReadAttempts = 3;

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);

                // On disk before the rename makes it the file: a power cut never leaves a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Reads a whole file, trying again at once when it is briefly locked or busy. A read error is never corruption: the
    /// caller gets the <see cref="IOException"/> and tries again later.
    /// </summary>
    /// <returns>The content, or null when there is no file.</returns>
    public static async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException) when (attempt < ReadAttempts)
            {
                // Locked by a backup or an antivirus for a moment: ask again.
            }
        }
    }

    /// <summary>The same as <see cref="ReadAsync"/>, for the few callers that cannot be asynchronous.</summary>
    /// <returns>The content, or null when there is no file.</returns>
    public static byte[]? Read(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException) when (attempt < ReadAttempts)
            {
                // Locked for a moment: ask again.
            }
        }
    }

    /// <summary>Moves an unreadable file aside (never deletes it) so a person can inspect or restore it.</summary>
    /// <returns>Where the file went.</returns>
    public static string Quarantine(string path, DateTimeOffset now)
    {
        var target = path + ".unreadable-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        File.Move(path, target, overwrite: true);
        return target;
    }

    /// <summary>
    /// Keeps entries that could not be read in a side file beside <paramref name="path"/> (a new one each time), so a
    /// person can inspect or repair them; the good entries stay in the file itself.
    /// </summary>
    /// <returns>Where the entries went.</returns>
    public static string SetAside(string path, ReadOnlySpan<byte> content, DateTimeOffset now)
    {
        var stamp = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var target = path + ".rejected-" + stamp;
        for (var n = 2; File.Exists(target); n++)
        {
            target = path + ".rejected-" + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(target, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
        return target;
    }

    /// <summary>
    /// Deletes the temporary files that writes of <paramref name="path"/> left behind when the server died mid-write.
    /// They are never the file itself (the rename never happened), so nothing is lost.
    /// </summary>
    /// <returns>How many were removed.</returns>
    public static int RemoveLeftovers(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var leftover in Directory.EnumerateFiles(directory, "." + Path.GetFileName(path) + ".*.tmp"))
        {
            try
            {
                File.Delete(leftover);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still open somewhere; the next start tries again.
            }
        }

        return removed;
    }
}
