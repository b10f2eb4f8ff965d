using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Jellyfin.Plugin.Simkl.Configuration;

namespace Jellyfin.Plugin.Simkl.Api.Dto;

/// <summary>
/// A user's tracking options, as the page reads and sends them. The names are fixed here so they do not depend on
/// the server's JSON settings.
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A JSON body.")]
public sealed class UserOptionsDto
{
    /// <summary>Gets or sets a value indicating whether anything is sent to Simkl for the user.</summary>
    [JsonPropertyName("trackingEnabled")]
    public bool TrackingEnabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether movies are tracked.</summary>
    [JsonPropertyName("trackMovies")]
    public bool TrackMovies { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether TV episodes are tracked.</summary>
    [JsonPropertyName("trackShows")]
    public bool TrackShows { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether anime is tracked.</summary>
    [JsonPropertyName("trackAnime")]
    public bool TrackAnime { get; set; } = true;

    /// <summary>Gets or sets the libraries whose items are never tracked.</summary>
    [JsonPropertyName("excludedLibraryIds")]
    public Guid[] ExcludedLibraryIds { get; set; } = [];

    /// <summary>Gets or sets the libraries whose items are sent as anime.</summary>
    [JsonPropertyName("animeLibraryIds")]
    public Guid[] AnimeLibraryIds { get; set; } = [];

    /// <summary>Gets or sets the shortest runtime, in seconds, of an item that is tracked.</summary>
    [JsonPropertyName("minimumDurationSeconds")]
    public int MinimumDurationSeconds { get; set; }

    /// <summary>Gets or sets the progress, in percent, at or above which a stopped playback counts as watched.</summary>
    [JsonPropertyName("completionThresholdPercent")]
    public int CompletionThresholdPercent { get; set; } = UserConfiguration.DefaultCompletionThresholdPercent;

    /// <summary>Copies stored options.</summary>
    /// <param name="configuration">The stored options.</param>
    /// <returns>The copy.</returns>
    public static UserOptionsDto From(UserConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new UserOptionsDto
        {
            TrackingEnabled = configuration.TrackingEnabled,
            TrackMovies = configuration.TrackMovies,
            TrackShows = configuration.TrackShows,
            TrackAnime = configuration.TrackAnime,
            ExcludedLibraryIds = configuration.ExcludedLibraryIds ?? [],
            AnimeLibraryIds = configuration.AnimeLibraryIds ?? [],
            MinimumDurationSeconds = configuration.MinimumDurationSeconds,
            CompletionThresholdPercent = configuration.CompletionThresholdPercent,
        };
    }

    /// <summary>Makes the stored form for a user.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The stored form.</returns>
    public UserConfiguration ToConfiguration(Guid userId) => new()
    {
        UserId = userId,
        TrackingEnabled = TrackingEnabled,
        TrackMovies = TrackMovies,
        TrackShows = TrackShows,
        TrackAnime = TrackAnime,
        ExcludedLibraryIds = ExcludedLibraryIds ?? [],
        AnimeLibraryIds = AnimeLibraryIds ?? [],
        MinimumDurationSeconds = MinimumDurationSeconds,
        CompletionThresholdPercent = CompletionThresholdPercent,
    };
}
