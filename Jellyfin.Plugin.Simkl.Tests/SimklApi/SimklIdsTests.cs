using System.Text.Json;
using Jellyfin.Plugin.Simkl.SimklApi.Models;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Ids go to Simkl in the shape its examples use and come back readable whatever shape Simkl chose.</summary>
public sealed class SimklIdsTests
{
    [Theory]
    [InlineData("imdb")]
    [InlineData("slug")]
    [InlineData("animeplanet")]
    [InlineData("letterboxd")]
    [InlineData("traktslug")]
    [InlineData("zap2it")]
    [InlineData("crunchyroll")]
    [InlineData("netflix")]
    [InlineData("hulu")]
    [InlineData("offjp")]
    [InlineData("often")]
    [InlineData("wikien")]
    [InlineData("wikijp")]
    [InlineData("allcin")]
    [InlineData("ann")]
    [InlineData("anfo")]
    public void A_text_id_is_sent_as_text_even_when_it_is_all_digits(string key)
        => Assert.Equal("{\"" + key + "\":\"0012\"}", JsonSerializer.Serialize(SimklIds.Of((key, "0012"))));

    [Fact]
    public void Numeric_ids_are_sent_as_numbers_and_the_rest_as_text()
        => Assert.Equal("""{"anidb":"12a","simkl":42,"tmdb":27205,"tvdb":81189}""", JsonSerializer.Serialize(SimklIds.Of(("tvdb", "81189"), ("tmdb", "27205"), ("simkl_id", "42"), ("anidb", "12a"))));

    [Theory]
    [InlineData("[]", "{}")]
    [InlineData("""{"simkl_id":42,"tmdb":"27205","imdb":null,"mal":[1,2],"tvdb":{"id":3},"anidb":1.5}""", "{anidb=1.5, simkl=42, tmdb=27205}")]
    [InlineData("""{"imdb":"  ","tvdb":""}""", "{}")]
    public void Ids_are_read_whatever_shape_each_value_has(string json, string expected)
        => Assert.Equal(expected, JsonSerializer.Deserialize<SimklIds>(json)!.ToString());

    [Fact]
    public void Ids_print_as_name_and_value_pairs_for_the_log_and_blank_ones_are_dropped()
    {
        var ids = SimklIds.Of(("TMDB", " 27205 "), ("imdb", "tt1375666"), ("tvdb", " "), (" ", "5"));

        Assert.Equal("{imdb=tt1375666, tmdb=27205}", ids.ToString());
        Assert.Equal("27205", ids["tmdb"]);
    }

    [Fact]
    public void Simkls_own_id_is_one_id_whichever_name_an_answer_gives_it()
    {
        Assert.Equal(SimklIds.Of(("simkl", "42")), SimklIds.Of(("simkl_id", "42")));
        Assert.Equal(42, SimklIds.Of(("SIMKL_ID", "42")).Simkl);
        Assert.False(SimklIds.Of(("simkl", "42")).Equals(null));
        Assert.NotEqual(SimklIds.Of(("tmdb", "1")).GetHashCode(), SimklIds.Of(("tvdb", "1")).GetHashCode());
        Assert.NotEqual(SimklIds.Of(("tmdb", "1")).GetHashCode(), SimklIds.Of(("tmdb", "2")).GetHashCode());
    }
}
