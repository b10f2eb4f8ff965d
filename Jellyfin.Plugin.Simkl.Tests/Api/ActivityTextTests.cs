using System;
using System.Linq;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

public sealed class ActivityTextTests
{
    [Fact]
    public void Every_action_and_outcome_has_words_of_its_own()
    {
        Assert.All(Enum.GetValues<ActivityAction>(), a => Assert.True(ActivityText.Actions.ContainsKey(a), $"No words for the action {a}."));
        Assert.All(Enum.GetValues<ActivityOutcome>(), o => Assert.True(ActivityText.Outcomes.ContainsKey(o), $"No words for the outcome {o}."));
        Assert.Equal("Marked watched", ActivityText.Of(ActivityAction.MarkWatched));
        Assert.Equal("Not tracked", ActivityText.Of(ActivityAction.Ignore));
        Assert.Equal("Already on Simkl", ActivityText.Of(ActivityOutcome.AlreadyRecorded));
    }

    [Fact]
    public void The_words_are_words_and_no_two_mean_the_same()
    {
        Assert.All(ActivityText.Actions.Values.Concat(ActivityText.Outcomes.Values), w => Assert.Matches("^[A-Z][a-z]+( [A-Za-z]+)*$", w));
        Assert.Equal(ActivityText.Actions.Count, ActivityText.Actions.Values.Distinct().Count());
        Assert.Equal(ActivityText.Outcomes.Count, ActivityText.Outcomes.Values.Distinct().Count());
    }
}
