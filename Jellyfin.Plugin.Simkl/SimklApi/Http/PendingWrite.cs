using System;
using System.Threading;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>A write waiting in an account's lane; a newer write with the same key supersedes it.</summary>
internal sealed class PendingWrite : IDisposable
{
    private readonly CancellationTokenSource _superseded = new();

    public CancellationToken SupersededToken => _superseded.Token;

    public bool IsSuperseded => _superseded.IsCancellationRequested;

    public void Supersede() => _superseded.Cancel();

    public void Dispose() => _superseded.Dispose();
}
