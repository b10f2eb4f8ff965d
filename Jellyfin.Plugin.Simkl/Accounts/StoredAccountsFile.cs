using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>
/// The accounts file: a format version, so a later release can read what this one wrote, and the links.
/// </summary>
/// <param name="Version">The format version.</param>
/// <param name="Accounts">The links.</param>
internal sealed record StoredAccountsFile(int Version, IReadOnlyList<StoredAccount> Accounts)
{
    /// <summary>The format this release writes.</summary>
    public const int CurrentVersion = 1;
}
