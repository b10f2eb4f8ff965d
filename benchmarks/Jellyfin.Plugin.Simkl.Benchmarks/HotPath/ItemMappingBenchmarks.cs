using System;
using BenchmarkDotNet.Attributes;
using Jellyfin.Plugin.Simkl.Jellyfin;
using MediaBrowser.Controller.Entities;
using MediaBrowser.Controller.Entities.Movies;
using MediaBrowser.Controller.Entities.TV;
using MediaBrowser.Model.Entities;

namespace Jellyfin.Plugin.Simkl.Benchmarks.HotPath;

/// <summary>
/// Mapping a Jellyfin item to what the tracker follows. It runs on the background loop once per new playback, never per
/// progress event: these figures are the cost of a playback's first event there.
/// </summary>
[MemoryDiagnoser]
public class ItemMappingBenchmarks
{
    private ItemMapper _mapper = null!;
    private Movie _movie = null!;
    private Episode _episode = null!;

    [GlobalSetup]
    public void Setup()
    {
        var library = new Folder { Id = Guid.NewGuid(), Name = "Library" };
        var series = new Series { Id = Guid.NewGuid(), Name = "Breaking Bad", ProductionYear = 2008 };
        series.SetProviderId(MetadataProvider.Tvdb, "81189");
        series.SetProviderId(MetadataProvider.Imdb, "tt0903747");
        _movie = new Movie { Id = Guid.NewGuid(), Name = "Heat", ProductionYear = 1995, RunTimeTicks = TimeSpan.FromMinutes(170).Ticks, Path = "/movies/Heat.mkv" };
        _movie.SetProviderId(MetadataProvider.Imdb, "tt0113277");
        _movie.SetProviderId(MetadataProvider.Tmdb, "949");
        _episode = new Episode { Id = Guid.NewGuid(), SeriesId = series.Id, ParentIndexNumber = 2, IndexNumber = 7, RunTimeTicks = TimeSpan.FromMinutes(47).Ticks, Path = "/tv/bb/s02e07.mkv" };
        _mapper = new ItemMapper(LibraryManagerProxy.Create(series, library));
    }

    [Benchmark(Description = "Map a movie")]
    public object MapMovie() => _mapper.Map(_movie);

    [Benchmark(Description = "Map an episode (series looked up)")]
    public object MapEpisode() => _mapper.Map(_episode);
}
