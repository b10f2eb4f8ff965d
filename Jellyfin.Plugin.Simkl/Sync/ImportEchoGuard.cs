using System;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// Items our own import just marked played. The Jellyfin layer already keeps those saves from being offered as a
/// user's change; this is the core's own guard, so an import can never bounce back to Simkl even if one slips through.
/// </summary>
internal sealed class ImportEchoGuard
{
    private readonly RecentItemMemory _memory;

    public ImportEchoGuard(TimeProvider time, SyncOptions options) => _memory = new RecentItemMemory(time, options.RecentWindow);

    public void Remember(Guid userId, Guid itemId) => _memory.Remember(userId, ItemKey(itemId));

    public bool IsEcho(Guid userId, Guid itemId) => _memory.Contains(userId, ItemKey(itemId));

    private static ulong ItemKey(Guid itemId)
    {
        Span<byte> bytes = stackalloc byte[16];
        itemId.TryWriteBytes(bytes);
        return BitConverter.ToUInt64(bytes) ^ BitConverter.ToUInt64(bytes[8..]);
    }
}
