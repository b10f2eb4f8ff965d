namespace Jellyfin.Plugin.Simkl.Activity;

/// <summary>
/// How an action ended.
/// </summary>
public enum ActivityOutcome
{
    /// <summary>Simkl accepted it.</summary>
    Succeeded = 0,

    /// <summary>Simkl already had it (counts as success).</summary>
    AlreadyRecorded,

    /// <summary>Kept for later: Simkl was unreachable, and the completion waits in the outbox.</summary>
    Deferred,

    /// <summary>Simkl did not know the item.</summary>
    NotFound,

    /// <summary>Not tracked by the user's settings or the item's kind (the reason says which).</summary>
    Skipped,

    /// <summary>Simkl refused the token: the user must relink.</summary>
    LinkBroken,

    /// <summary>Failed for another reason (the reason says which).</summary>
    Failed,
}
