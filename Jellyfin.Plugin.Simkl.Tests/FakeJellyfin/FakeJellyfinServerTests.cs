using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Data.Enums;
using Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.FakeJellyfin;

/// <summary>The fake answers as each Jellyfin line does where the two differ (read at v10.11.11 and v12.0-rc5).</summary>
public sealed class FakeJellyfinServerTests
{
    [Theory]
    [InlineData(JellyfinLine.Jellyfin1011, new[] { "both" })]
    [InlineData(JellyfinLine.Jellyfin12, new[] { "both", "has tmdb only", "has imdb pair only" })]
    public void Mixing_any_value_keys_with_key_value_pairs_is_AND_on_10_11_and_OR_on_12(JellyfinLine line, string[] expected)
    {
        var server = new FakeJellyfinServer(line);
        server.AddMovie("both", 2000, ("Imdb", "tt1"), ("Tmdb", "5"));
        server.AddMovie("has tmdb only", 2000, ("Tmdb", "6"));
        server.AddMovie("has imdb pair only", 2000, ("Imdb", "tt1"));
        server.AddMovie("neither", 2000, ("Tvdb", "7"));

        var found = server.Library.GetItemList(new InternalItemsQuery
        {
            IncludeItemTypes = [BaseItemKind.Movie],
            HasAnyProviderId = new Dictionary<string, string> { ["Tmdb"] = string.Empty, ["Imdb"] = "tt1" },
        });

        Assert.Equal(expected.Order(), found.Select(i => i.Name).Order());
    }

    [Theory]
    [InlineData(JellyfinLine.Jellyfin1011)]
    [InlineData(JellyfinLine.Jellyfin12)]
    public void Key_value_pairs_alone_mean_any_of_them_on_both_lines_spelled_exactly(JellyfinLine line)
    {
        var server = new FakeJellyfinServer(line);
        server.AddMovie("a", 2000, ("Imdb", "tt1"));
        server.AddMovie("b", 2000, ("Tmdb", "5"));

        var found = server.Library.GetItemList(new InternalItemsQuery { HasAnyProviderId = new Dictionary<string, string> { ["Imdb"] = "tt1", ["Tmdb"] = "5" } });
        var lowerCase = server.Library.GetItemList(new InternalItemsQuery { HasAnyProviderId = new Dictionary<string, string> { ["imdb"] = "tt1" } });

        Assert.Equal(2, found.Count);
        Assert.Empty(lowerCase);
    }

    [Theory]
    [InlineData(JellyfinLine.Jellyfin1011, 2)]
    [InlineData(JellyfinLine.Jellyfin12, 1)]
    public void Alternate_versions_are_listed_on_10_11_and_left_out_on_12(JellyfinLine line, int expected)
    {
        var server = new FakeJellyfinServer(line);
        server.AddAlternateVersion(server.AddMovie("a", 2000, ("Imdb", "tt1")));

        Assert.Equal(expected, server.Library.GetItemList(new InternalItemsQuery { IncludeItemTypes = [BaseItemKind.Movie] }).Count);
        Assert.Equal(expected, server.Library.GetCount(new InternalItemsQuery { IncludeItemTypes = [BaseItemKind.Movie] }));
    }

    [Theory]
    [InlineData(JellyfinLine.Jellyfin1011, false, 0)]
    [InlineData(JellyfinLine.Jellyfin12, true, 1)]
    public void Starting_a_played_movie_again_clears_played_on_10_11_only_and_12_echoes_a_finish_to_other_versions(JellyfinLine line, bool playedAfterStart, int togglesAfterFinish)
    {
        var server = new FakeJellyfinServer(line);
        var user = server.AddUser();
        var movie = server.AddMovie("a", 2000, ("Imdb", "tt1"));
        server.AddAlternateVersion(movie);
        server.UserData.Seed(user, movie, true, DateTime.UtcNow);
        var events = new List<UserDataSaveEventArgs>();
        server.UserData.UserDataSaved += (_, e) => events.Add(e);

        server.UserData.StartPlayback(user, movie, DateTime.UtcNow);
        var playedAfter = server.UserData.Peek(user.Id, movie.Id)!.Played;
        server.UserData.StopPlayback(user, movie, movie.RunTimeTicks!.Value);

        Assert.Equal(playedAfterStart, playedAfter);
        Assert.Equal(UserDataSaveReason.PlaybackStart, events[0].SaveReason);
        Assert.Equal(togglesAfterFinish, events.Count(e => e.SaveReason == UserDataSaveReason.TogglePlayed && e.Item.Id != movie.Id));
    }
}
