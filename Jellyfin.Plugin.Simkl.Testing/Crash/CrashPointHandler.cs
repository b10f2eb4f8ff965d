using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Testing.Crash;

/// <summary>
/// In the crash test's child, next to the wire: reports every write to the parent (so it knows which writes were in
/// flight when it killed the child) and holds the write named by <see cref="CrashPause"/> until the parent kills the
/// process, so a kill lands exactly after Simkl recorded a write and before the plugin heard the answer.
/// </summary>
public sealed class CrashPointHandler(CrashPause? pause, Action<string> say) : DelegatingHandler
{
    private int _seen;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "/";
        var isWrite = request.Method == HttpMethod.Post && (path.StartsWith("/scrobble/", StringComparison.Ordinal) || path == "/sync/history");
        if (!isWrite)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var holdHere = pause is not null && path.StartsWith(pause.PathPrefix, StringComparison.Ordinal) && Interlocked.Increment(ref _seen) == pause.Occurrence;
        say(CrashProtocol.WriteOut + " " + path);
        if (holdHere && pause!.Point == CrashProtocol.WriteSent)
        {
            await HoldAsync(path);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (holdHere && pause!.Point == CrashProtocol.WriteAnswered)
        {
            await HoldAsync(path);
        }

        say(CrashProtocol.WriteBack + " " + path + " " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private async Task HoldAsync(string path)
    {
        say(CrashProtocol.Paused + " " + pause!.Point + " " + path);

        // The parent kills the process now; nothing after this line runs.
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
    }
}
