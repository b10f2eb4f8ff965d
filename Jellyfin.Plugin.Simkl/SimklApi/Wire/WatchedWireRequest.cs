using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.SimklApi.Wire;

/// <summary>One item of a <c>/sync/watched</c> request, in the newer documents' shape: <c>{"ids": {...}}</c>.</summary>
internal sealed record WatchedWireRequest(SimklIds Ids);
