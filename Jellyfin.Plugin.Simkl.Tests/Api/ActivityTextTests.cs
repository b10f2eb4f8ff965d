using System;
using System.Linq;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class ActivityTextTests
{
    private const string Words = "^[A-Z][a-z]+( [A-Za-z]+)*$";

    [Fact]
    public void Every_action_and_outcome_reads_as_words_and_no_two_read_alike()
    {
        var actions = Enum.GetValues<ActivityAction>().Select(ActivityText.Of).ToList();
        var outcomes = Enum.GetValues<ActivityOutcome>().Select(ActivityText.Of).ToList();

        Assert.All(actions.Concat(outcomes), w => Assert.Matches(Words, w));
        Assert.Equal(actions.Count, actions.Distinct().Count());
        Assert.Equal(outcomes.Count, outcomes.Distinct().Count());
    }

    [Fact]
    public void The_tracker_s_actions_and_outcomes_have_words_of_their_own()
    {
        Assert.Equal(
            ["Started", "Paused", "Stopped", "Marked watched", "Looked up", "Not tracked"],
            new[] { ActivityAction.Start, ActivityAction.Pause, ActivityAction.Stop, ActivityAction.MarkWatched, ActivityAction.Lookup, ActivityAction.Ignore }.Select(ActivityText.Of));
        Assert.Equal(
            ["Done", "Already on Simkl", "Kept for later", "Not found on Simkl", "Skipped", "Link broken", "Failed"],
            new[] { ActivityOutcome.Succeeded, ActivityOutcome.AlreadyRecorded, ActivityOutcome.Deferred, ActivityOutcome.NotFound, ActivityOutcome.Skipped, ActivityOutcome.LinkBroken, ActivityOutcome.Failed }.Select(ActivityText.Of));
    }
}
