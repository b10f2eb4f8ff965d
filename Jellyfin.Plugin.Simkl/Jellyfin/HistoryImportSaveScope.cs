using System;
using System.Threading;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Marks the user data saves history import makes, so the <c>UserDataSaved</c> they raise is never taken for a user's
/// "mark played" and sent back to Simkl. Jellyfin raises the event synchronously inside <c>SaveUserData</c>, on the
/// caller's flow, so a flow-local mark is exact: no window, no guessing, and other requests are never affected.
/// </summary>
internal sealed class HistoryImportSaveScope
{
    private readonly AsyncLocal<Guid> _savingFor = new();

    /// <summary>Tells whether the current flow is inside an import save for this user.</summary>
    /// <param name="userId">The user the event is about.</param>
    /// <returns>True when the save is ours.</returns>
    public bool IsSavingFor(Guid userId) => userId != Guid.Empty && _savingFor.Value == userId;

    /// <summary>Runs a save marked as ours.</summary>
    /// <param name="userId">The user whose data is saved.</param>
    /// <param name="save">The save; it raises the event on this flow.</param>
    public void Run(Guid userId, Action save)
    {
        ArgumentNullException.ThrowIfNull(save);
        var previous = _savingFor.Value;
        _savingFor.Value = userId;
        try
        {
            save();
        }
        finally
        {
            _savingFor.Value = previous;
        }
    }
}
