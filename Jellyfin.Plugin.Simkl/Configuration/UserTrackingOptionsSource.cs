using System;
using System.Collections.Frozen;
using System.Linq;
using Jellyfin.Plugin.Simkl.Playback;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// Turns the per-user entries of the plugin configuration into the tracker's options, once per configuration
/// change. An entry that fails validation (a hand-edited file) is logged and replaced by the defaults, so a bad
/// value never reaches the tracker.
/// </summary>
public sealed partial class UserTrackingOptionsSource : IUserTrackingOptionsSource, IDisposable
{
    private readonly IPluginConfigurationStore _store;
    private readonly ILogger<UserTrackingOptionsSource> _logger;
    private volatile FrozenDictionary<Guid, UserTrackingOptions>? _options;

    /// <summary>Initializes a new instance of the <see cref="UserTrackingOptionsSource"/> class.</summary>
    /// <param name="store">The plugin configuration.</param>
    /// <param name="logger">The logger.</param>
    public UserTrackingOptionsSource(IPluginConfigurationStore store, ILogger<UserTrackingOptionsSource> logger)
    {
        _store = store;
        _logger = logger;
        _store.Changed += OnConfigurationChanged;
    }

    /// <inheritdoc />
    public UserTrackingOptions Get(Guid userId)
    {
        var options = _options ??= Build(_store.Current);
        return options.TryGetValue(userId, out var found) ? found : UserTrackingOptions.Default;
    }

    /// <inheritdoc />
    public void Dispose() => _store.Changed -= OnConfigurationChanged;

    /// <summary>Converts one stored entry; the one place where seconds become a <see cref="TimeSpan"/>.</summary>
    /// <param name="configuration">The stored entry, already validated.</param>
    /// <returns>The options.</returns>
    internal static UserTrackingOptions ToOptions(UserConfiguration configuration) => new(
        configuration.TrackingEnabled,
        configuration.TrackMovies,
        configuration.TrackShows,
        configuration.TrackAnime,
        (configuration.ExcludedLibraryIds ?? []).ToFrozenSet(),
        (configuration.AnimeLibraryIds ?? []).ToFrozenSet(),
        TimeSpan.FromSeconds(configuration.MinimumDurationSeconds),
        configuration.CompletionThresholdPercent);

    private void OnConfigurationChanged(object? sender, PluginConfiguration configuration) => _options = Build(configuration);

    private FrozenDictionary<Guid, UserTrackingOptions> Build(PluginConfiguration configuration)
    {
        var result = new System.Collections.Generic.Dictionary<Guid, UserTrackingOptions>();
        foreach (var user in configuration.Users ?? [])
        {
            // Library existence is checked when the page saves; here only what would break the tracker.
            var problems = UserConfigurationValidator.Validate(user, existingLibraryIds: null);
            if (problems.Count > 0)
            {
                LogInvalidUserOptions(_logger, user.UserId, string.Join(" ", problems.Select(p => p.Message)));
                continue;
            }

            result[user.UserId] = ToOptions(user);
        }

        return result.ToFrozenDictionary();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Simkl options of user {UserId} are invalid and the defaults apply instead: {Problems}")]
    private static partial void LogInvalidUserOptions(ILogger logger, Guid userId, string problems);
}
