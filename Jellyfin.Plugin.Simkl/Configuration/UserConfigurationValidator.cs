using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// Checks a user's stored options before they are saved and before the tracker uses them.
/// </summary>
public static class UserConfigurationValidator
{
    /// <summary>Lists what is wrong with a user's options.</summary>
    /// <param name="configuration">The options.</param>
    /// <param name="existingLibraryIds">The server's libraries, or null to skip that check.</param>
    /// <returns>One message per problem, naming the setting; empty when the options are valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(UserConfiguration configuration, IReadOnlySet<Guid>? existingLibraryIds)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ValidationProblem>();

        if (configuration.UserId == Guid.Empty)
        {
            problems.Add(new(nameof(UserConfiguration.UserId), "The user id is missing."));
        }

        if (configuration.CompletionThresholdPercent is < 1 or > 100)
        {
            problems.Add(new(
                nameof(UserConfiguration.CompletionThresholdPercent),
                string.Create(CultureInfo.InvariantCulture, $"The completion threshold must be between 1 and 100 percent, not {configuration.CompletionThresholdPercent}.")));
        }

        if (configuration.MinimumDurationSeconds < 0)
        {
            problems.Add(new(nameof(UserConfiguration.MinimumDurationSeconds), "The minimum duration cannot be negative."));
        }

        if (configuration.AllowUnmark && !configuration.FollowMarkPlayed)
        {
            problems.Add(new(nameof(UserConfiguration.AllowUnmark), "Removing watches from Simkl on \"mark unplayed\" needs \"follow mark played\" on as well."));
        }

        if (existingLibraryIds is not null)
        {
            foreach (var (field, ids) in new[]
            {
                (nameof(UserConfiguration.ExcludedLibraryIds), configuration.ExcludedLibraryIds ?? []),
                (nameof(UserConfiguration.AnimeLibraryIds), configuration.AnimeLibraryIds ?? []),
            })
            {
                foreach (var unknown in ids.Where(id => !existingLibraryIds.Contains(id)).Distinct())
                {
                    problems.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"There is no library with id {unknown:N}.")));
                }
            }
        }

        return problems;
    }
}
