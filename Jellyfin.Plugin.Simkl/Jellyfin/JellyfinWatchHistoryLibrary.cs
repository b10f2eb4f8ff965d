using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Data.Enums;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Playback;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Sync;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// A user's watch history read from and written to Jellyfin, for history sync. Every read is paged: the played list
/// holds only the ids of the user's played items (16 bytes each) and never more than one page of items; lookups by
/// provider id use key:value pairs only, which mean "any of these" on 10.11 and 12 alike.
/// </summary>
/// <remarks>
/// Jellyfin 12 leaves alternate versions out of its item queries (the flag that brings them back exists only in 12),
/// and marks every version played when one is: so on 12 the played list and the lookups see the primary version, on
/// 10.11 every version. Either way each maps to the same Simkl item.
/// </remarks>
internal sealed partial class JellyfinWatchHistoryLibrary : IWatchHistoryLibrary
{
    /// <summary>How many items one query returns at most.</summary>
    internal const int PageSize = 500;

    /// <summary>Stops a lookup that keeps returning pages (a server ignoring the start index) after this many.</summary>
    private const int MaxLookupPages = 200;

    private readonly ILibraryManager _library;
    private readonly IUserManager _users;
    private readonly IUserDataManager _userData;
    private readonly ItemMapper _mapper;
    private readonly HistoryImportSaveScope _importSaves;
    private readonly TimeProvider _time;
    private readonly ILogger<JellyfinWatchHistoryLibrary> _logger;

    public JellyfinWatchHistoryLibrary(
        ILibraryManager library,
        IUserManager users,
        IUserDataManager userData,
        ItemMapper mapper,
        HistoryImportSaveScope importSaves,
        TimeProvider time,
        ILogger<JellyfinWatchHistoryLibrary> logger)
    {
        _library = library;
        _users = users;
        _userData = userData;
        _mapper = mapper;
        _importSaves = importSaves;
        _time = time;
        _logger = logger;
    }

    public Task<int> CountPlayedItemsAsync(Guid userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = FindUser(userId);
        return Task.FromResult(user is null ? 0 : _library.GetCount(PlayedQuery(user)));
    }

    public async IAsyncEnumerable<PlayedItem> GetPlayedItemsAsync(Guid userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = FindUser(userId);
        if (user is null)
        {
            yield break;
        }

        // Jellyfin cannot sort by id, and offset paging over a list that changes while we read it (the user keeps
        // watching) skips or repeats items: so take the ids once, sort them, and fetch the items page by page by id.
        var ids = ToSortedArray(_library.GetItemIds(PlayedQuery(user)));
        for (var start = 0; start < ids.Length; start += PageSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var query = PlayedQuery(user);
            query.ItemIds = ids.AsSpan(start, Math.Min(PageSize, ids.Length - start)).ToArray();
            var page = SortedById(_library.GetItemList(query));
            foreach (var item in page)
            {
                if (Map(item) is not { } tracked)
                {
                    continue;
                }

                var data = _userData.GetUserData(user, item);
                if (data is not { Played: true })
                {
                    // Unmarked since the ids were read.
                    continue;
                }

                yield return new PlayedItem(tracked, ToOffset(data.LastPlayedDate));
            }

            // Give the caller's sends a turn between pages; the queries themselves are synchronous in Jellyfin.
            await Task.Yield();
        }
    }

    public Task<IReadOnlyList<TrackedItem>> FindMoviesAsync(Guid userId, SimklIds ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var user = FindUser(userId);
        var pairs = ProviderIdQuery.For(ids);
        if (user is null || pairs is null)
        {
            return Task.FromResult<IReadOnlyList<TrackedItem>>([]);
        }

        var found = new List<TrackedItem>();
        foreach (var item in Lookup(user, BaseItemKind.Movie, pairs, Guid.Empty, cancellationToken))
        {
            if (item is Movie && Map(item) is { } tracked)
            {
                found.Add(tracked);
            }
        }

        return Task.FromResult<IReadOnlyList<TrackedItem>>(found);
    }

    public Task<IReadOnlyList<TrackedItem>> FindEpisodesAsync(Guid userId, SimklIds showIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(showIds);
        cancellationToken.ThrowIfCancellationRequested();
        var user = FindUser(userId);
        var pairs = ProviderIdQuery.For(showIds);
        if (user is null || pairs is null)
        {
            return Task.FromResult<IReadOnlyList<TrackedItem>>([]);
        }

        var found = new List<TrackedItem>();
        var seriesIds = new List<Guid>();
        foreach (var series in Lookup(user, BaseItemKind.Series, pairs, Guid.Empty, cancellationToken))
        {
            if (series is Series)
            {
                seriesIds.Add(series.Id);
            }
        }

        foreach (var seriesId in seriesIds)
        {
            foreach (var item in Lookup(user, BaseItemKind.Episode, null, seriesId, cancellationToken))
            {
                if (item is Episode && Map(item) is { } tracked)
                {
                    found.Add(tracked);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<TrackedItem>>(found);
    }

    public bool IsPlayed(Guid userId, Guid itemId)
    {
        var user = FindUser(userId);
        var item = itemId == Guid.Empty ? null : _library.GetItemById(itemId);
        return user is not null && item is not null && _userData.GetUserData(user, item) is { Played: true };
    }

    public Task SetPlayedAsync(Guid userId, Guid itemId, bool played, DateTimeOffset? lastPlayed, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = FindUser(userId) ?? throw new InvalidOperationException(FormattableString.Invariant($"Jellyfin has no user {userId}."));
        var item = (itemId == Guid.Empty ? null : _library.GetItemById(itemId))
                   ?? throw new InvalidOperationException(FormattableString.Invariant($"Jellyfin has no item {itemId}."));

        // Jellyfin always has user data for an item; the key is replaced by the item's own keys on save.
        var data = _userData.GetUserData(user, item) ?? new UserItemData { Key = item.Id.ToString() };
        if (played)
        {
            data.Played = true;
            data.PlayCount = Math.Max(data.PlayCount, 1);
            data.PlaybackPositionTicks = 0;

            // Never move the last played date back: Jellyfin may know of a later watch than Simkl does.
            var when = (lastPlayed ?? _time.GetUtcNow()).UtcDateTime;
            if (data.LastPlayedDate is not { } known || known < when)
            {
                data.LastPlayedDate = when;
            }
        }
        else
        {
            data.Played = false;
            data.PlayCount = 0;
            data.PlaybackPositionTicks = 0;
            data.LastPlayedDate = null;
        }

        // "Import" is Jellyfin's reason for user data that comes from outside (its NFO reader uses it too): the NFO
        // writer and other plugins do not take it for a user's toggle. The scope marks it ours for our own subscriber.
        _importSaves.Run(userId, () => _userData.SaveUserData(user, item, data, UserDataSaveReason.Import, cancellationToken));
        LogMarked(_logger, item.Name, played, userId);
        return Task.CompletedTask;
    }

    private static InternalItemsQuery PlayedQuery(User user) => new(user)
    {
        // A fresh array per query: the server may adjust a query's filters while answering it.
        IncludeItemTypes = [BaseItemKind.Movie, BaseItemKind.Episode],
        IsPlayed = true,
        IsVirtualItem = false,
        Recursive = true,
        EnableTotalRecordCount = false,
    };

    private static Guid[] ToSortedArray(IReadOnlyList<Guid> ids)
    {
        var sorted = new Guid[ids.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = ids[i];
        }

        Array.Sort(sorted);
        return sorted;
    }

    private static List<BaseItem> SortedById(IReadOnlyList<BaseItem> items)
    {
        var sorted = new List<BaseItem>(items);
        sorted.Sort((a, b) => a.Id.CompareTo(b.Id));
        return sorted;
    }

    private static DateTimeOffset? ToOffset(DateTime? date)
        => date is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    /// <summary>
    /// Pages through a lookup. Jellyfin 10.11 drops items the user may not see after paging, so a short page does not
    /// mean the end: only an empty one does.
    /// </summary>
    private IEnumerable<BaseItem> Lookup(User user, BaseItemKind kind, Dictionary<string, string>? pairs, Guid parentId, CancellationToken cancellationToken)
    {
        for (var page = 0; page < MaxLookupPages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var query = new InternalItemsQuery(user)
            {
                IncludeItemTypes = [kind],
                HasAnyProviderId = pairs,
                ParentId = parentId,
                IsVirtualItem = false,
                Recursive = true,
                StartIndex = page * PageSize,
                Limit = PageSize,
                EnableTotalRecordCount = false,
            };
            var items = _library.GetItemList(query);
            if (items.Count == 0)
            {
                yield break;
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    private TrackedItem? Map(BaseItem item)
    {
        var mapping = _mapper.Map(item);
        if (mapping.Item is null)
        {
            LogNotSynced(_logger, item.Name, mapping.NotTrackedBecause ?? "unknown");
        }

        return mapping.Item;
    }

    private User? FindUser(Guid userId) => userId == Guid.Empty ? null : _users.GetUserById(userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Item} is left out of Simkl history sync: {Reason}")]
    private static partial void LogNotSynced(ILogger logger, string item, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "History import marked {Item} played={Played} for user {UserId}")]
    private static partial void LogMarked(ILogger logger, string item, bool played, Guid userId);
}
