using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Data.Enums;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>
/// Jellyfin's library queries over items in memory, answering as the chosen line's server does (see
/// <see cref="JellyfinLine"/>). Every query is recorded, so tests can check paging and filters.
/// </summary>
public sealed class FakeLibraryManager : ILibraryManager
{
    private readonly object _gate = new();
    private readonly List<BaseItem> _items = [];
    private readonly Dictionary<Guid, BaseItem> _byId = [];
    private readonly Dictionary<Guid, Guid> _primaryOf = [];
    private readonly HashSet<(Guid UserId, Guid ItemId)> _hidden = [];
    private readonly List<RecordedQuery> _queries = [];
    private Func<User, BaseItem, bool> _isPlayed = (_, _) => false;

    public FakeLibraryManager(JellyfinLine line)
    {
        Line = line;
        LibraryFolder = new Folder { Id = Guid.NewGuid(), Name = "Library" };
    }

    public JellyfinLine Line { get; }

    public Folder LibraryFolder { get; }

    /// <summary>Gets the number of items the largest answer held.</summary>
    public int LargestAnswer { get; private set; }

    public IReadOnlyList<RecordedQuery> Queries
    {
        get
        {
            lock (_gate)
            {
                return _queries.ToList();
            }
        }
    }

    public void Add(BaseItem item)
    {
        lock (_gate)
        {
            _items.Add(item);
            _byId[item.Id] = item;
        }
    }

    /// <summary>Makes <paramref name="alternate"/> another version of <paramref name="primary"/>.</summary>
    public void AddAlternateVersion(BaseItem primary, BaseItem alternate)
    {
        Add(alternate);
        lock (_gate)
        {
            _primaryOf[alternate.Id] = primary.Id;
        }
    }

    /// <summary>Hides an item from a user (parental rating, blocked tags).</summary>
    public void Hide(BaseItem item, User user)
    {
        lock (_gate)
        {
            _hidden.Add((user.Id, item.Id));
        }
    }

    /// <summary>Gets every version of an item, the item itself first.</summary>
    public IReadOnlyList<BaseItem> VersionsOf(BaseItem item)
    {
        lock (_gate)
        {
            var primary = _primaryOf.TryGetValue(item.Id, out var p) ? p : item.Id;
            return _items.Where(i => i.Id == primary || (_primaryOf.TryGetValue(i.Id, out var q) && q == primary))
                .OrderBy(i => i.Id == item.Id ? 0 : 1)
                .ToList();
        }
    }

    public IReadOnlyList<Episode> EpisodesOf(Series series)
    {
        lock (_gate)
        {
            return _items.OfType<Episode>().Where(e => e.SeriesId == series.Id).ToList();
        }
    }

    public void ClearQueries()
    {
        lock (_gate)
        {
            _queries.Clear();
            LargestAnswer = 0;
        }
    }

    public BaseItem? GetItemById(Guid id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public List<Folder> GetCollectionFolders(BaseItem item) => [LibraryFolder];

    public List<VirtualFolderInfo> GetVirtualFolders() => [];

    public IReadOnlyList<BaseItem> GetItemList(InternalItemsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var matching = Matching(query, hiddenBeforePaging: Line == JellyfinLine.Jellyfin12);
            IEnumerable<BaseItem> page = matching;
            if (query.StartIndex is { } start)
            {
                page = page.Skip(start);
            }

            if (query.Limit is { } limit)
            {
                page = page.Take(limit);
            }

            // 10.11 drops what the user may not see after paging (BaseItem.IsVisible), so pages can come back short.
            var result = page.Where(i => Line == JellyfinLine.Jellyfin12 || !IsHidden(query.User, i)).ToList();
            Record(query, nameof(GetItemList), result.Count);
            return result;
        }
    }

    public IReadOnlyList<Guid> GetItemIds(InternalItemsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var result = Matching(query, hiddenBeforePaging: Line == JellyfinLine.Jellyfin12).Select(i => i.Id).ToList();
            Record(query, nameof(GetItemIds), 0);
            return result;
        }
    }

    public int GetCount(InternalItemsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var count = Matching(query, hiddenBeforePaging: Line == JellyfinLine.Jellyfin12).Count;
            Record(query, nameof(GetCount), 0);
            return count;
        }
    }

    internal void UsePlayedState(Func<User, BaseItem, bool> isPlayed) => _isPlayed = isPlayed;

    private static BaseItemKind? KindOf(BaseItem item) => item switch
    {
        Movie => BaseItemKind.Movie,
        Episode => BaseItemKind.Episode,
        Series => BaseItemKind.Series,
        _ => null,
    };

    private bool IsHidden(User? user, BaseItem item) => user is not null && _hidden.Contains((user.Id, item.Id));

    private List<BaseItem> Matching(InternalItemsQuery query, bool hiddenBeforePaging)
    {
        var ids = query.ItemIds.Length > 0 ? query.ItemIds.ToHashSet() : null;
        return _items.Where(item =>
                (query.IncludeItemTypes.Length == 0 || (KindOf(item) is { } kind && query.IncludeItemTypes.Contains(kind)))
                && (ids is null || ids.Contains(item.Id))
                && (query.IsVirtualItem is not { } isVirtual || item.IsVirtualItem == isVirtual)
                && (query.ParentId == Guid.Empty || IsUnder(item, query.ParentId, query.Recursive))
                && (query.IsPlayed is not { } played || query.User is null || _isPlayed(query.User, item) == played)
                && MatchesProviderIds(item, query.HasAnyProviderId)
                && (Line == JellyfinLine.Jellyfin1011 || !_primaryOf.ContainsKey(item.Id))
                && (!hiddenBeforePaging || !IsHidden(query.User, item)))
            .ToList();
    }

    private static bool IsUnder(BaseItem item, Guid parentId, bool recursive)
        => item.ParentId == parentId || (recursive && item is Episode episode && (episode.SeriesId == parentId || episode.SeasonId == parentId));

    /// <summary>
    /// The server compares "Key:Value" text exactly (key spelling included). An empty value means "has this provider
    /// at all": mixed with pairs, 10.11 requires both kinds to match, 12 either.
    /// </summary>
    private bool MatchesProviderIds(BaseItem item, Dictionary<string, string>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return true;
        }

        var stored = item.ProviderIds.Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        var anyKeys = filter.Where(f => string.IsNullOrEmpty(f.Value)).Select(f => f.Key).ToList();
        var pairs = filter.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Key + ":" + f.Value).ToList();
        var hasAnyKey = stored.Any(p => anyKeys.Contains(p.Key, StringComparer.Ordinal));
        var hasPair = stored.Any(p => pairs.Contains(p.Key + ":" + p.Value, StringComparer.Ordinal));
        if (Line == JellyfinLine.Jellyfin12)
        {
            return hasAnyKey || hasPair;
        }

        return (anyKeys.Count == 0 || hasAnyKey) && (pairs.Count == 0 || hasPair);
    }

    private void Record(InternalItemsQuery query, string method, int answered)
    {
        LargestAnswer = Math.Max(LargestAnswer, answered);
        _queries.Add(new RecordedQuery(
            method,
            query.IncludeItemTypes.ToArray(),
            query.StartIndex,
            query.Limit,
            query.ItemIds.Length,
            query.User?.Id,
            query.HasAnyProviderId is null ? null : new Dictionary<string, string>(query.HasAnyProviderId),
            answered));
    }
}
