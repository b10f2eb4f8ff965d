using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Sync;

/// <summary>
/// History sync for one user at a time (export, import, a followed "mark played"), one operation per user at once.
/// Simkl's history is read only as Simkl asks: <c>/sync/activities</c> first, then <c>/sync/all-items</c> for a kind
/// only when its timestamp changed, with <c>date_from</c> after the first read. What Simkl has (read, sent or settled)
/// is kept per user on disk, so an interrupted export resumes where it stopped and a second one sends nothing.
/// </summary>
internal sealed partial class HistorySyncEngine : IDisposable
{
    private static readonly SimklSyncType[] Types = [SimklSyncType.Movies, SimklSyncType.Shows, SimklSyncType.Anime];

    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _userLocks = new();
    private readonly ISimklClient _client;
    private readonly ISimklSyncClient _sync;
    private readonly ISimklAccountStore _accounts;
    private readonly IWatchHistoryLibrary _library;
    private readonly IUserTrackingOptionsSource _tracking;
    private readonly IUserSyncOptionsSource _syncOptions;
    private readonly SyncStateStore _store;
    private readonly ImportEchoGuard _echo;
    private readonly IActivityLog _activity;
    private readonly TimeProvider _time;
    private readonly SyncOptions _options;
    private readonly ILogger<HistorySyncEngine> _logger;

    public HistorySyncEngine(
        ISimklClient client,
        ISimklSyncClient sync,
        ISimklAccountStore accounts,
        IWatchHistoryLibrary library,
        IUserTrackingOptionsSource tracking,
        IUserSyncOptionsSource syncOptions,
        SyncStateStore store,
        ImportEchoGuard echo,
        IActivityLog activity,
        TimeProvider time,
        SyncOptions options,
        ILogger<HistorySyncEngine> logger)
    {
        _client = client;
        _sync = sync;
        _accounts = accounts;
        _library = library;
        _tracking = tracking;
        _syncOptions = syncOptions;
        _store = store;
        _echo = echo;
        _activity = activity;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public Task<UserSyncState> GetStateAsync(Guid userId, CancellationToken cancellationToken) => _store.LoadStateAsync(userId, cancellationToken);

    /// <summary>
    /// Sends the user's played movies and episodes that Simkl does not have yet, in batches; with
    /// <paramref name="preview"/>, only counts them (Simkl's history is still read, so the count is exact).
    /// </summary>
    public async Task<SyncRunSummary> ExportAsync(Guid userId, bool preview, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var link = _accounts.Find(userId);
        if (link is null || link.IsBroken)
        {
            return new SyncRunSummary(SyncRunKind.Export, startedAt, startedAt, false, Message: NotLinked(link));
        }

        var gate = _userLocks.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await _store.LoadStateAsync(userId, cancellationToken).ConfigureAwait(false);
            var settled = await _store.LoadSettledAsync(userId, cancellationToken).ConfigureAwait(false);
            var failure = await PullAsync(userId, link.Token, state, settled, _syncOptions.Get(userId).ImportEnabled, new SyncCounts(), cancellationToken).ConfigureAwait(false);
            var counts = new SyncCounts();
            var summary = failure is null
                ? await SendUnsettledAsync(userId, link.Token, preview, startedAt, state, settled, counts, progress, cancellationToken).ConfigureAwait(false)
                : new SyncRunSummary(SyncRunKind.Export, startedAt, _time.GetUtcNow(), false, Message: failure);
            if (!preview)
            {
                state.LastRuns[SyncRunKind.Export] = summary;
                await _store.SaveStateAsync(userId, state, CancellationToken.None).ConfigureAwait(false);
                LogExported(_logger, userId, summary.Sent, summary.NotFound, summary.Completed);
            }

            return summary;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Brings the user's Simkl history into Jellyfin: marks matching items played with Simkl's date.</summary>
    public async Task<SyncRunSummary> ImportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var link = _accounts.Find(userId);
        if (link is null || link.IsBroken)
        {
            return new SyncRunSummary(SyncRunKind.Import, startedAt, startedAt, false, Message: NotLinked(link));
        }

        var gate = _userLocks.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await _store.LoadStateAsync(userId, cancellationToken).ConfigureAwait(false);
            var settled = await _store.LoadSettledAsync(userId, cancellationToken).ConfigureAwait(false);
            var counts = new SyncCounts();
            string? failure;
            try
            {
                failure = await PullAsync(userId, link.Token, state, settled, true, counts, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                failure = "Cancelled; the next run continues from the last kind read.";
                state.LastRuns[SyncRunKind.Import] = Summary(SyncRunKind.Import, startedAt, false, counts, failure);
                await _store.SaveStateAsync(userId, state, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            var summary = Summary(SyncRunKind.Import, startedAt, failure is null, counts, failure);
            state.LastRuns[SyncRunKind.Import] = summary;
            await _store.SaveStateAsync(userId, state, CancellationToken.None).ConfigureAwait(false);
            if (counts.MarkedPlayed > 0 || failure is not null)
            {
                _activity.Record(new ActivityEntry(
                    userId,
                    _time.GetUtcNow(),
                    "Watch history from Simkl",
                    ActivityAction.HistoryImport,
                    failure is null ? ActivityOutcome.Succeeded : ActivityOutcome.Failed,
                    failure ?? FormattableString.Invariant($"{counts.MarkedPlayed} marked played, {counts.Matched} found in the libraries, {counts.NotFound} not in the libraries.")));
            }

            LogImported(_logger, userId, counts.Matched, counts.MarkedPlayed, failure is null);
            return summary;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Follows one "mark played" / "mark unplayed" of a linked user to Simkl's history.</summary>
    public async Task FollowAsync(PlayedStateChange change, IRecentCompletions completions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(completions);
        var userId = change.UserId;
        var link = _accounts.Find(userId);
        var options = _syncOptions.Get(userId);
        if (link is null || link.IsBroken || !options.FollowMarkPlayed || (!change.Played && !options.AllowUnmark) || _echo.IsEcho(userId, change.Item.ItemId))
        {
            return;
        }

        if (change.Played && completions.WasRecentlyCompleted(userId, change.Item))
        {
            // The scrobbler reported this completion (or another version of it was just sent): never twice.
            return;
        }

        var tracking = _tracking.Get(userId);
        var isAnime = PlaybackTracker.IsAnime(change.Item, tracking);
        if (PlaybackTracker.WhyNotTracked(change.Item, tracking, isAnime) is not null || !SimklMediaResolver.HasUsableIds(change.Item))
        {
            return;
        }

        var (media, episodes) = MediaOf(change.Item, isAnime);
        var keys = SyncKeys.Of(media, episodes);
        var gate = _userLocks.GetOrAdd(userId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settled = await _store.LoadSettledAsync(userId, cancellationToken).ConfigureAwait(false);
            if (change.Played == settled.ContainsAny(keys))
            {
                // Simkl already has it (played), or never had it as far as we know (unplayed).
                return;
            }

            var request = SimklRequests.History(media, episodes, change.LastPlayed ?? change.Time);
            var result = change.Played
                ? await _client.AddToHistoryAsync(request, link.Token, "mark:" + userId.ToString("N") + ":" + change.Item.ItemId.ToString("N"), cancellationToken).ConfigureAwait(false)
                : await _sync.RemoveFromHistoryAsync(request, link.Token, cancellationToken).ConfigureAwait(false);
            var notFound = result.Outcome == SimklOutcome.NotFound
                || (result.Value is { } written && written.NotFoundMovies.Count + written.NotFoundShows.Count > 0 && change.Played);
            var action = change.Played ? ActivityAction.MarkWatched : ActivityAction.RemoveWatched;
            if (notFound)
            {
                Record(userId, change.Item.DisplayName, action, ActivityOutcome.NotFound, "Simkl could not match this item by its ids.");
                return;
            }

            if (result.Outcome == SimklOutcome.Unauthorized)
            {
                await _accounts.MarkBrokenAsync(userId, cancellationToken).ConfigureAwait(false);
                Record(userId, change.Item.DisplayName, action, ActivityOutcome.LinkBroken, "Simkl rejected the account; link the user again.");
                return;
            }

            if (!result.IsDone)
            {
                // Not lost: a played item not yet on Simkl is sent by the next export run.
                Record(userId, change.Item.DisplayName, action, ActivityOutcome.Failed, result.Message);
                return;
            }

            if (change.Played)
            {
                settled.Add(keys);
                completions.Remember(userId, change.Item);
            }
            else
            {
                settled.Remove(keys);
            }

            await _store.SaveSettledAsync(userId, settled, CancellationToken.None).ConfigureAwait(false);
            Record(userId, change.Item.DisplayName, action, result.Outcome == SimklOutcome.AlreadyRecorded ? ActivityOutcome.AlreadyRecorded : ActivityOutcome.Succeeded, null);
            await CountFollowAsync(userId, change.Played, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _userLocks.Values)
        {
            gate.Dispose();
        }
    }

    private static string NotLinked(SimklAccountLink? link)
        => link is null ? "The user is not linked with Simkl." : "The user's Simkl link is broken; link again to sync.";

    private static (SimklMedia Media, IReadOnlyList<int> Episodes) MediaOf(TrackedItem item, bool isAnime)
    {
        var media = SimklMediaResolver.FromIds(item, isAnime);
        if (item.Kind == TrackedMediaKind.Movie)
        {
            // An anime movie goes in "movies" with all its ids: an anime entry without episodes would be a bare show.
            return (media with { Kind = SimklMediaKind.Movie }, []);
        }

        return media.Episode is { } first ? (media, Enumerable.Range(first, item.EpisodeCount).ToArray()) : (media, []);
    }

    private SyncRunSummary Summary(SyncRunKind kind, DateTimeOffset startedAt, bool completed, SyncCounts counts, string? message)
        => new(kind, startedAt, _time.GetUtcNow(), completed, counts.Sent, counts.Matched, counts.NotFound, counts.MarkedPlayed, counts.Skipped, Message: message);

    /// <summary>
    /// Reads what changed in the user's Simkl history since the last read, kind by kind, settles it and (with
    /// <paramref name="applyImport"/>) marks it played in Jellyfin. Returns null, or why it stopped.
    /// </summary>
    private async Task<string?> PullAsync(Guid userId, SimklToken token, UserSyncState state, SettledHistory settled, bool applyImport, SyncCounts counts, CancellationToken cancellationToken)
    {
        var activities = await _sync.GetActivitiesAsync(token, cancellationToken).ConfigureAwait(false);
        if (!activities.IsSuccess)
        {
            return await FailedAsync(userId, activities.Outcome, activities.Message, cancellationToken).ConfigureAwait(false);
        }

        if (applyImport)
        {
            // What earlier reads brought while import was off: applied now, without asking Simkl again.
            await foreach (var item in _store.ReadPendingImportAsync(userId, cancellationToken).ConfigureAwait(false))
            {
                await ImportItemAsync(userId, item, counts, cancellationToken).ConfigureAwait(false);
            }

            _store.DeletePendingImport(userId);
        }

        foreach (var type in Types)
        {
            var current = activities.Value.Of(type);
            var haveRead = state.ReadThrough.TryGetValue(type, out var through);
            if (haveRead && string.Equals(through, current, StringComparison.Ordinal))
            {
                continue;
            }

            if (current is not null)
            {
                var items = await _sync.GetAllItemsAsync(type, haveRead ? through : null, token, cancellationToken).ConfigureAwait(false);
                if (!items.IsSuccess)
                {
                    return await FailedAsync(userId, items.Outcome, items.Message, cancellationToken).ConfigureAwait(false);
                }

                var pending = new List<SimklWatchedItem>();
                foreach (var item in items.Value.Where(i => i.Watched))
                {
                    settled.Add(SyncKeys.Of(item));
                    if (applyImport)
                    {
                        await ImportItemAsync(userId, item, counts, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        pending.Add(item);
                    }
                }

                if (pending.Count > 0)
                {
                    await _store.AppendPendingImportAsync(userId, pending, CancellationToken.None).ConfigureAwait(false);
                }
            }

            state.ReadThrough[type] = current;

            // Durable kind by kind: an interrupted read repeats only the kind it was in.
            await _store.SaveSettledAsync(userId, settled, CancellationToken.None).ConfigureAwait(false);
            await _store.SaveStateAsync(userId, state, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }

    private async Task ImportItemAsync(Guid userId, SimklWatchedItem item, SyncCounts counts, CancellationToken cancellationToken)
    {
        var tracking = _tracking.Get(userId);
        if (item.Type == SimklSyncType.Movies)
        {
            var movies = await _library.FindMoviesAsync(userId, item.Ids, cancellationToken).ConfigureAwait(false);
            var wanted = movies.Where(m => PlaybackTracker.WhyNotTracked(m, tracking, PlaybackTracker.IsAnime(m, tracking)) is null).ToList();
            await MarkAsync(userId, wanted, item.LastWatchedAt, counts, cancellationToken).ConfigureAwait(false);
            return;
        }

        var episodes = await _library.FindEpisodesAsync(userId, item.Ids, cancellationToken).ConfigureAwait(false);
        var byNumber = new Dictionary<(int Season, int Episode), List<TrackedItem>>();
        foreach (var episode in episodes)
        {
            if (episode.Episode is not { } first || PlaybackTracker.WhyNotTracked(episode, tracking, PlaybackTracker.IsAnime(episode, tracking)) is not null)
            {
                continue;
            }

            for (var number = first; number < first + episode.EpisodeCount; number++)
            {
                var key = (episode.Season ?? 1, number);
                if (!byNumber.TryGetValue(key, out var list))
                {
                    list = [];
                    byNumber[key] = list;
                }

                list.Add(episode);
            }
        }

        foreach (var watched in item.Episodes)
        {
            byNumber.TryGetValue((watched.Season, watched.Number), out var found);
            await MarkAsync(userId, found ?? [], watched.WatchedAt ?? item.LastWatchedAt, counts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MarkAsync(Guid userId, List<TrackedItem> found, DateTimeOffset? watchedAt, SyncCounts counts, CancellationToken cancellationToken)
    {
        if (found.Count == 0)
        {
            counts.NotFound++;
            return;
        }

        counts.Matched++;
        foreach (var item in found.DistinctBy(i => i.ItemId))
        {
            if (_library.IsPlayed(userId, item.ItemId))
            {
                continue;
            }

            // Remembered before saving: Jellyfin raises its event during the save, and it must not come back to Simkl.
            _echo.Remember(userId, item.ItemId);
            await _library.SetPlayedAsync(userId, item.ItemId, true, watchedAt, cancellationToken).ConfigureAwait(false);
            counts.MarkedPlayed++;
        }
    }

    private async Task<SyncRunSummary> SendUnsettledAsync(
        Guid userId,
        SimklToken token,
        bool preview,
        DateTimeOffset startedAt,
        UserSyncState state,
        SettledHistory settled,
        SyncCounts counts,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var tracking = _tracking.Get(userId);
        var total = Math.Max(1, await _library.CountPlayedItemsAsync(userId, cancellationToken).ConfigureAwait(false));
        var batch = new HistoryBatch(_options.BatchSize);
        var visited = 0;
        string? failure = null;
        try
        {
            await foreach (var played in _library.GetPlayedItemsAsync(userId, cancellationToken).ConfigureAwait(false))
            {
                progress?.Report(Math.Min(100, ++visited * 100.0 / total));
                var item = played.Item;
                var isAnime = PlaybackTracker.IsAnime(item, tracking);
                if (PlaybackTracker.WhyNotTracked(item, tracking, isAnime) is not null)
                {
                    counts.Skipped++;
                    continue;
                }

                if (!SimklMediaResolver.HasUsableIds(item))
                {
                    // Never looked up by file in bulk: Simkl's file search is for one file at a time.
                    var key = SyncKeys.OfUnmatchable(item.ItemId);
                    if (!settled.Contains(key))
                    {
                        counts.NotFound++;
                        if (!preview)
                        {
                            settled.Add([key]);
                            Record(userId, item.DisplayName, ActivityAction.HistoryExport, ActivityOutcome.NotFound, "It has no id Simkl knows (IMDb, TMDb, TVDB or an anime id); add one to its metadata in Jellyfin.");
                        }
                    }

                    continue;
                }

                var (media, episodes) = MediaOf(item, isAnime);
                var keys = SyncKeys.Of(media, episodes);
                if (settled.ContainsAny(keys))
                {
                    continue;
                }

                if (preview)
                {
                    counts.Sent += Math.Max(1, episodes.Count);
                    settled.Add(keys);
                    continue;
                }

                batch.Add(new HistoryBatchEntry(item, media, episodes, played.LastPlayed ?? startedAt, keys));
                if (batch.IsFull)
                {
                    failure = await SendBatchAsync(userId, token, batch, settled, counts, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        break;
                    }
                }
            }

            if (failure is null && batch.Size > 0)
            {
                failure = await SendBatchAsync(userId, token, batch, settled, counts, cancellationToken).ConfigureAwait(false);
            }

            if (!preview && settled.IsChanged)
            {
                await _store.SaveSettledAsync(userId, settled, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            if (!preview)
            {
                state.LastRuns[SyncRunKind.Export] = Summary(SyncRunKind.Export, startedAt, false, counts, "Cancelled; the next run resumes where this one stopped.");
                await _store.SaveStateAsync(userId, state, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        progress?.Report(100);
        return Summary(SyncRunKind.Export, startedAt, failure is null, counts, failure is null ? null : failure + " The next run resumes where this one stopped.");
    }

    private async Task<string?> SendBatchAsync(Guid userId, SimklToken token, HistoryBatch batch, SettledHistory settled, SyncCounts counts, CancellationToken cancellationToken)
    {
        var result = await _client.AddToHistoryAsync(batch.ToRequest(), token, null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<HistoryBatchEntry> notFound;
        switch (result.Outcome)
        {
            case SimklOutcome.Success or SimklOutcome.NotFound when result.Value is not null:
                // Simkl recorded the rest of the batch; only what it lists as not found was not written.
                notFound = batch.NotFound(result.Value);
                break;
            case SimklOutcome.Success or SimklOutcome.AlreadyRecorded:
                notFound = [];
                break;
            case SimklOutcome.NotFound:
                notFound = batch.Entries;
                break;
            case SimklOutcome.Unauthorized:
                await _accounts.MarkBrokenAsync(userId, CancellationToken.None).ConfigureAwait(false);
                return "Simkl rejected the account; link the user again.";
            default:
                return result.Message ?? "Simkl did not accept the history.";
        }

        foreach (var entry in batch.Entries)
        {
            settled.Add(entry.Keys);
        }

        foreach (var entry in notFound)
        {
            Record(userId, entry.Item.DisplayName, ActivityAction.HistoryExport, ActivityOutcome.NotFound, "Simkl could not match it by its ids " + entry.Media.Media.Ids + ".");
        }

        counts.NotFound += notFound.Count;
        counts.Sent += batch.Entries.Except(notFound).Sum(e => Math.Max(1, e.Episodes.Count));
        batch.Clear();
        await _store.SaveSettledAsync(userId, settled, CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    private async Task<string> FailedAsync(Guid userId, SimklOutcome outcome, string? message, CancellationToken cancellationToken)
    {
        if (outcome == SimklOutcome.Unauthorized)
        {
            await _accounts.MarkBrokenAsync(userId, cancellationToken).ConfigureAwait(false);
            return "Simkl rejected the account; link the user again.";
        }

        return message ?? "Simkl could not be read.";
    }

    private async Task CountFollowAsync(Guid userId, bool played, CancellationToken cancellationToken)
    {
        var state = await _store.LoadStateAsync(userId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var last = state.LastRuns.TryGetValue(SyncRunKind.Follow, out var existing) ? existing : new SyncRunSummary(SyncRunKind.Follow, now, now, true);
        state.LastRuns[SyncRunKind.Follow] = last with { FinishedAt = now, Sent = last.Sent + (played ? 1 : 0), Removed = last.Removed + (played ? 0 : 1) };
        await _store.SaveStateAsync(userId, state, cancellationToken).ConfigureAwait(false);
    }

    private void Record(Guid userId, string item, ActivityAction action, ActivityOutcome outcome, string? reason)
        => _activity.Record(new ActivityEntry(userId, _time.GetUtcNow(), item, action, outcome, reason));

    [LoggerMessage(Level = LogLevel.Information, Message = "History export for user {UserId}: {Sent} sent, {NotFound} not found, complete: {Completed}")]
    private static partial void LogExported(ILogger logger, Guid userId, int sent, int notFound, bool completed);

    [LoggerMessage(Level = LogLevel.Information, Message = "History import for user {UserId}: {Matched} found in the libraries, {MarkedPlayed} marked played, complete: {Completed}")]
    private static partial void LogImported(ILogger logger, Guid userId, int matched, int markedPlayed, bool completed);
}
