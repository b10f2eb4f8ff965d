using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Json;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.SimklApi.Wire;
using Jellyfin.Plugin.Simkl.Sync;
using Microsoft.AspNetCore.WebUtilities;

namespace Jellyfin.Plugin.Simkl.SimklApi;

/// <summary>The history-sync calls, on the very same pipeline as the scrobbling calls (one pace, one set of write lanes).</summary>
internal sealed partial class SimklClient : ISimklSyncClient
{
    public async Task<SimklResult<SimklActivities>> GetActivitiesAsync(SimklToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = await SendAsync(HttpMethod.Get, "sync/activities", "activities", token, null, SimklSyncJsonContext.Default.ActivitiesWireResponse, MapActivities, cancellationToken).ConfigureAwait(false);

        // Simkl's newer documents say GET, its API Blueprint says POST: an endpoint that refuses the one gets the other.
        return result.StatusCode is 404 or 405
            ? await SendAsync(HttpMethod.Post, "sync/activities", "activities", token, null, SimklSyncJsonContext.Default.ActivitiesWireResponse, MapActivities, cancellationToken).ConfigureAwait(false)
            : result;
    }

    public Task<SimklResult<IReadOnlyList<SimklWatchedItem>>> GetAllItemsAsync(SimklSyncType type, string? dateFrom, SimklToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var name = type switch
        {
            SimklSyncType.Movies => "movies",
            SimklSyncType.Shows => "shows",
            SimklSyncType.Anime => "anime",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown kind."),
        };

        // No slash before the query: Simkl answers an empty body then. Episodes and their dates only where there are episodes.
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (type != SimklSyncType.Movies)
        {
            query["extended"] = "full";
            query["episode_watched_at"] = "yes";
        }

        if (!string.IsNullOrWhiteSpace(dateFrom))
        {
            query["date_from"] = dateFrom;
        }

        var path = QueryHelpers.AddQueryString("sync/all-items/" + name, query);
        return SendAsync(HttpMethod.Get, path, "all-items " + name, token, null, SimklSyncJsonContext.Default.AllItemsWireResponse, wire => MapAllItems(type, wire), cancellationToken);
    }

    public Task<SimklResult<HistoryResult>> RemoveFromHistoryAsync(HistoryRequest request, SimklToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        if (request.Shows.Any(s => (s.Seasons is null || s.Seasons.Count == 0 || s.Seasons.Any(season => season.Episodes.Count == 0)) && (s.Episodes is null || s.Episodes.Count == 0)))
        {
            // A show or season without episodes removes the whole show or season from the user's history.
            throw new ArgumentException("A removal names the episodes of every show.", nameof(request));
        }

        var content = JsonContent(request, SimklJsonContext.Default.HistoryRequest);
        return _writes.RunAsync(
            token,
            null,
            ct => SendAsync(HttpMethod.Post, "sync/history/remove", "history remove", token, content, SimklJsonContext.Default.HistoryWireResponse, MapHistory, ct),
            cancellationToken);
    }

    private static SimklResult<SimklActivities> MapActivities(ActivitiesWireResponse? wire)
    {
        // A kind's block may be missing (another documented shape): then only the overall time tells of a change.
        return SimklResult.Success(new SimklActivities(
            wire?.All,
            wire?.Movies is { } movies ? movies.All : wire?.All,
            wire?.TvShows is { } shows ? shows.All : wire?.All,
            wire?.Anime is { } anime ? anime.All : wire?.All));
    }

    private static SimklResult<IReadOnlyList<SimklWatchedItem>> MapAllItems(SimklSyncType type, AllItemsWireResponse? wire)
    {
        var entries = type switch
        {
            SimklSyncType.Movies => wire?.Movies,
            SimklSyncType.Shows => wire?.Shows,
            _ => wire?.Anime,
        };
        var items = new List<SimklWatchedItem>(entries?.Count ?? 0);
        foreach (var entry in entries ?? [])
        {
            var media = entry.Movie ?? entry.Show ?? entry.Anime;
            if (media?.Ids is not { IsEmpty: false } ids)
            {
                continue;
            }

            var episodes = new List<SimklWatchedEpisode>();
            foreach (var season in entry.Seasons ?? [])
            {
                foreach (var episode in season.Episodes ?? [])
                {
                    if (episode.Number is { } number)
                    {
                        episodes.Add(new SimklWatchedEpisode(season.Number ?? 1, number, SimklActivities.Parse(episode.WatchedAt)));
                    }
                }
            }

            foreach (var episode in entry.Episodes ?? [])
            {
                if (episode.Number is { } number)
                {
                    episodes.Add(new SimklWatchedEpisode(1, number, SimklActivities.Parse(episode.WatchedAt)));
                }
            }

            // A movie in "plan to watch" or "dropped" was not watched; a completed one was, even without a date.
            var lastWatched = SimklActivities.Parse(entry.LastWatchedAt);
            var watched = type == SimklSyncType.Movies
                ? string.Equals(entry.Status, "completed", StringComparison.OrdinalIgnoreCase)
                : episodes.Count > 0;
            items.Add(new SimklWatchedItem(type, media.Title, media.Year, ids, watched, lastWatched, episodes));
        }

        return SimklResult.Success<IReadOnlyList<SimklWatchedItem>>(items);
    }
}
