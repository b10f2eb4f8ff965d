using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text;
using Jellyfin.Plugin.Simkl.Activity;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// The words both pages show for what the tracker did, so a person reads "Marked watched", not <c>markWatched</c>.
/// Made once here, on the server, so the administrator's page and the users' page can never disagree.
/// </summary>
public static class ActivityText
{
    /// <summary>Gets the words for every action.</summary>
    internal static FrozenDictionary<ActivityAction, string> Actions { get; } = new Dictionary<ActivityAction, string>
    {
        [ActivityAction.Start] = "Started",
        [ActivityAction.Pause] = "Paused",
        [ActivityAction.Stop] = "Stopped",
        [ActivityAction.MarkWatched] = "Marked watched",
        [ActivityAction.Lookup] = "Looked up",
        [ActivityAction.Ignore] = "Not tracked",
    }.ToFrozenDictionary();

    /// <summary>Gets the words for every outcome.</summary>
    internal static FrozenDictionary<ActivityOutcome, string> Outcomes { get; } = new Dictionary<ActivityOutcome, string>
    {
        [ActivityOutcome.Succeeded] = "Done",
        [ActivityOutcome.AlreadyRecorded] = "Already on Simkl",
        [ActivityOutcome.Deferred] = "Kept for later",
        [ActivityOutcome.NotFound] = "Not found on Simkl",
        [ActivityOutcome.Skipped] = "Skipped",
        [ActivityOutcome.LinkBroken] = "Link broken",
        [ActivityOutcome.Failed] = "Failed",
    }.ToFrozenDictionary();

    /// <summary>Words for an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>A short phrase such as "Marked watched".</returns>
    public static string Of(ActivityAction action) => Actions.TryGetValue(action, out var text) ? text : Spaced(action.ToString());

    /// <summary>Words for an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>A short phrase such as "Already on Simkl".</returns>
    public static string Of(ActivityOutcome outcome) => Outcomes.TryGetValue(outcome, out var text) ? text : Spaced(outcome.ToString());

    // A value added later without words still reads as words ("SomethingNew" becomes "Something new").
    private static string Spaced(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
