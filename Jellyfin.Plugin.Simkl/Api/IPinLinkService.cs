using System;
using System.Threading;
using System.Threading.Tasks;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Links Jellyfin users to Simkl with the PIN flow. The server polls Simkl itself (one poller per code, at Simkl's
/// interval); the page only asks for the status.
/// </summary>
public interface IPinLinkService
{
    /// <summary>Asks Simkl for a code for the user, replacing a pending one, and starts polling for it.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <param name="cancellationToken">Stops the request for a code (not the polling).</param>
    /// <returns>The new link, or why there is none.</returns>
    Task<PinStartResult> StartAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Gets the user's latest PIN link.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The link, or null when none was started since the server started.</returns>
    PinLinkStatus? Find(Guid userId);

    /// <summary>Stops polling for the user's pending code, if any.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    void Cancel(Guid userId);
}
