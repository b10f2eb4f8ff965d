using System.Threading.Channels;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The hand-off between Jellyfin's event threads and the tracker's single loop. Bounded, so a stalled loop can never
/// grow memory without limit; when full, the newest signal is refused (and counted) rather than blocking a client.
/// </summary>
internal sealed class PlaybackSignalQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<PlaybackSignal> _channel = Channel.CreateBounded<PlaybackSignal>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = false,
    });

    private long _refused;

    public ChannelReader<PlaybackSignal> Reader => _channel.Reader;

    public long Refused => System.Threading.Interlocked.Read(ref _refused);

    public bool TryPublish(in PlaybackSignal signal)
    {
        if (_channel.Writer.TryWrite(signal))
        {
            return true;
        }

        System.Threading.Interlocked.Increment(ref _refused);
        return false;
    }
}
