using System.Threading;
using System.Threading.Channels;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// The hand-off between Jellyfin's request threads and the loop that maps "mark (un)played" changes. Bounded (marking a
/// long series played raises one event per episode), so a stalled loop never grows memory without limit; when full,
/// the newest change is refused and counted rather than blocking the request.
/// </summary>
internal sealed class PlayedStateSignalQueue
{
    public const int Capacity = 20_000;

    private readonly Channel<PlayedStateSignal> _channel = Channel.CreateBounded<PlayedStateSignal>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = false,
    });

    private long _refused;

    public ChannelReader<PlayedStateSignal> Reader => _channel.Reader;

    public long Refused => Interlocked.Read(ref _refused);

    public bool TryPublish(in PlayedStateSignal signal)
    {
        if (_channel.Writer.TryWrite(signal))
        {
            return true;
        }

        Interlocked.Increment(ref _refused);
        return false;
    }
}
