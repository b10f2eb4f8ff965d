namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>Where a user's PIN link stands.</summary>
public enum PinLinkState
{
    /// <summary>The code is shown and Simkl has not confirmed it yet.</summary>
    Pending = 0,

    /// <summary>Simkl confirmed the code; the account is linked.</summary>
    Linked,

    /// <summary>The code ran out; a new one must be requested.</summary>
    Expired,

    /// <summary>Linking failed; the message says why.</summary>
    Failed,
}
