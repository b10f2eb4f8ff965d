using System;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>
/// A Jellyfin server's users, library and user data in memory, behaving like one line (10.11 or 12): what history
/// sync reads and writes, and the server flows that raise <c>UserDataSaved</c>.
/// </summary>
public sealed class FakeJellyfinServer
{
    public FakeJellyfinServer(JellyfinLine line)
    {
        Line = line;
        Library = new FakeLibraryManager(line);
        UserData = new FakeUserDataManager(line, Library);
    }

    public JellyfinLine Line { get; }

    public FakeLibraryManager Library { get; }

    public FakeUserDataManager UserData { get; }

    public FakeUserManager Users { get; } = new();

    public User AddUser(string name = "alice") => Users.Add(name);

    public Movie AddMovie(string name, int year, params (string Key, string Value)[] providerIds)
    {
        var movie = NewMovie(name, year, providerIds);
        Library.Add(movie);
        return movie;
    }

    /// <summary>Adds another version (another file) of a movie, with the same ids.</summary>
    public Movie AddAlternateVersion(Movie primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var version = NewMovie(primary.Name, primary.ProductionYear ?? 0, []);
        foreach (var (key, value) in primary.ProviderIds)
        {
            version.ProviderIds[key] = value;
        }

        version.Path = primary.Path + " - 4K.mkv";
        Library.AddAlternateVersion(primary, version);
        return version;
    }

    public Series AddSeries(string name, int year, params (string Key, string Value)[] providerIds)
    {
        var series = new Series { Id = Guid.NewGuid(), Name = name, ProductionYear = year, ParentId = Library.LibraryFolder.Id };
        foreach (var (key, value) in providerIds)
        {
            series.ProviderIds[key] = value;
        }

        Library.Add(series);
        return series;
    }

    public Episode AddEpisode(Series series, int season, int number, bool missing = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var episode = new Episode
        {
            Id = Guid.NewGuid(),
            Name = FormattableString.Invariant($"Episode {number}"),
            SeriesId = series.Id,
            SeriesName = series.Name,
            ParentId = series.Id,
            ParentIndexNumber = season,
            IndexNumber = number,
            RunTimeTicks = TimeSpan.FromMinutes(24).Ticks,
            Path = missing ? null : FormattableString.Invariant($"/media/shows/{series.Name}/S{season:00}E{number:00}.mkv"),
            IsVirtualItem = missing,
        };
        Library.Add(episode);
        return episode;
    }

    private Movie NewMovie(string name, int year, (string Key, string Value)[] providerIds)
    {
        var movie = new Movie
        {
            Id = Guid.NewGuid(),
            Name = name,
            ProductionYear = year,
            RunTimeTicks = TimeSpan.FromMinutes(100).Ticks,
            Path = FormattableString.Invariant($"/media/movies/{name} ({year})/{name}.mkv"),
            ParentId = Library.LibraryFolder.Id,
        };
        foreach (var (key, value) in providerIds)
        {
            movie.ProviderIds[key] = value;
        }

        return movie;
    }
}
