using System.Threading;
using System.Threading.Channels;
using Jellyfin.Plugin.Simkl.Playback;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The hand-off between Jellyfin's event threads and the tracker's single loop. Progress is bounded: when
/// <see cref="Capacity"/> signals wait, a progress is dropped (and counted), never blocking a client; the next one
/// carries the position anyway. Starts and stops are never refused: there are a few per playback, and losing a stop
/// loses a watch.
/// </summary>
internal sealed class PlaybackSignalQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<PlaybackSignal> _channel = Channel.CreateUnbounded<PlaybackSignal>(new UnboundedChannelOptions
    {
        // A single-reader unbounded channel cannot count what waits in it, and the progress bound needs that count.
        SingleReader = false,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    private long _refused;

    public ChannelReader<PlaybackSignal> Reader => _channel.Reader;

    public long Refused => Interlocked.Read(ref _refused);

    public bool TryPublish(in PlaybackSignal signal)
    {
        if (signal.Kind == PlaybackEventKind.Progress && _channel.Reader.Count >= Capacity)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        return _channel.Writer.TryWrite(signal);
    }
}
