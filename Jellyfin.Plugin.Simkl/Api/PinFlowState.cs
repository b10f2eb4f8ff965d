namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Where a user's PIN flow stands.
/// </summary>
public enum PinFlowState
{
    /// <summary>The code is shown and the server is waiting for the user to enter it at Simkl.</summary>
    Pending = 0,

    /// <summary>The user entered the code: the account is linked.</summary>
    Linked,

    /// <summary>The code ran out before the user entered it.</summary>
    Expired,

    /// <summary>The flow stopped for another reason (see the message).</summary>
    Failed,
}
