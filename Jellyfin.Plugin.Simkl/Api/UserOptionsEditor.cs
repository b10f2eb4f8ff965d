using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Jellyfin.Plugin.Simkl.Configuration;

namespace Jellyfin.Plugin.Simkl.Api;

/// <summary>
/// Reads and saves one user's tracking options in the plugin configuration, validating them first: a bad value is
/// reported back and never stored, so it never reaches the tracker.
/// </summary>
public sealed class UserOptionsEditor
{
    private readonly IPluginConfigurationStore _store;
    private readonly IServerLibraryDirectory _libraries;
    private readonly Lock _saveLock = new();

    /// <summary>Initializes a new instance of the <see cref="UserOptionsEditor"/> class.</summary>
    /// <param name="store">The plugin configuration.</param>
    /// <param name="libraries">The server's libraries, to check library ids against.</param>
    public UserOptionsEditor(IPluginConfigurationStore store, IServerLibraryDirectory libraries)
    {
        _store = store;
        _libraries = libraries;
    }

    /// <summary>Gets a user's stored options, or the defaults when they have none.</summary>
    /// <param name="userId">The Jellyfin user.</param>
    /// <returns>The options.</returns>
    public UserConfiguration Get(Guid userId)
        => (_store.Current.Users ?? []).FirstOrDefault(u => u.UserId == userId) ?? new UserConfiguration { UserId = userId };

    /// <summary>Validates and stores a user's options.</summary>
    /// <param name="options">The options, with their user id.</param>
    /// <returns>What is wrong with them; empty when they were saved.</returns>
    public IReadOnlyList<ValidationProblem> Save(UserConfiguration options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var existing = _libraries.GetLibraries().Select(l => l.Id).ToHashSet();
        var problems = UserConfigurationValidator.Validate(options, existing);
        if (problems.Count > 0)
        {
            return problems;
        }

        lock (_saveLock)
        {
            // Only the users list is replaced, so settings this page does not know about are kept as they are.
            var configuration = _store.Current;
            configuration.Users = (configuration.Users ?? [])
                .Where(u => u.UserId != options.UserId)
                .Append(options)
                .ToArray();
            _store.Save(configuration);
        }

        return problems;
    }
}
