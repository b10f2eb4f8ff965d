using System.Collections.Generic;

namespace Jellyfin.Plugin.Simkl.Accounts;

/// <summary>The accounts file. The version lets a later plugin (Simkl's planned refreshable tokens) migrate it.</summary>
internal sealed record StoredAccounts(int Version, IReadOnlyList<StoredAccount> Accounts);
