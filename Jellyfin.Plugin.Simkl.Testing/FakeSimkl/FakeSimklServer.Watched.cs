using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jellyfin.Plugin.Simkl.Testing.FakeSimkl;

/// <summary>
/// <c>POST /sync/watched</c> as Simkl documents it (docs/SIMKL_API.md 6.3): an array of items, each in the newer
/// <c>{"ids": {...}}</c> shape or the older flat one (<c>{"imdb": "tt..."}</c>); per item <c>result</c> is
/// <c>true</c> (in the user's lists), <c>false</c> (known, not in them) or <c>"not_found"</c>, with <c>list</c> and
/// <c>last_watched_at</c>; <c>extended=episodes</c> adds the seasons with each episode's <c>watched</c> and
/// <c>last_watched_at</c>, at most 100 items. Unlike Simkl, which lists every aired episode, the fake lists only the
/// episodes in the user's history (it has no episode guide); an episode it does not list is one not watched.
/// </summary>
public sealed partial class FakeSimklServer
{
    private const int MaxExtendedItems = 100;

    private (int Status, string Json, TimeSpan? RetryAfter) Watched(FakeSimklUser user, FakeSimklRequest request)
    {
        JsonArray items;
        try
        {
            items = JsonNode.Parse(request.Body) as JsonArray ?? throw new JsonException("not an array");
        }
        catch (JsonException)
        {
            return Fail(400, "bad_json", "The body must be an array of items.");
        }

        var withEpisodes = request.Query.TryGetValue("extended", out var extended) && extended.Split(',').Contains("episodes", StringComparer.Ordinal);
        if (request.Query.ContainsKey("extended") && items.Count > MaxExtendedItems)
        {
            return Fail(400, "too_many_items", "At most 100 items with extended.");
        }

        var answers = new JsonArray();
        foreach (var asked in items)
        {
            var ids = asked?["ids"] is JsonObject nested ? nested : asked as JsonObject;
            var answer = new JsonObject();
            foreach (var (key, value) in ids ?? [])
            {
                if (key != "type")
                {
                    answer[key] = value?.DeepClone();
                }
            }

            var item = Find(new JsonObject { ["ids"] = ids?.DeepClone() });
            if (item is null)
            {
                answer["result"] = "not_found";
                answers.Add(answer);
                continue;
            }

            var watches = _history.Where(h => h.AccountId == user.AccountId && h.SimklId == item.SimklId).ToList();
            answer["result"] = watches.Count > 0;
            if (watches.Count > 0)
            {
                answer["list"] = item.Kind == "movie" ? "completed" : "watching";
                answer["last_watched_at"] = Stamp(watches.Max(w => w.WatchedAt));
            }

            if (withEpisodes && item.Kind != "movie")
            {
                var seasons = new JsonArray();
                foreach (var season in watches.Where(w => w.Episode is not null).GroupBy(w => w.Season ?? 1).OrderBy(g => g.Key))
                {
                    var episodes = new JsonArray();
                    foreach (var episode in season.GroupBy(w => w.Episode!.Value).OrderBy(g => g.Key))
                    {
                        episodes.Add(new JsonObject { ["number"] = episode.Key, ["watched"] = true, ["aired"] = true, ["last_watched_at"] = Stamp(episode.Max(w => w.WatchedAt)) });
                    }

                    seasons.Add(new JsonObject { ["number"] = season.Key, ["episodes_watched"] = episodes.Count, ["episodes"] = episodes });
                }

                answer["seasons"] = seasons;
            }

            answers.Add(answer);
        }

        return (200, answers.ToJsonString(), null);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
