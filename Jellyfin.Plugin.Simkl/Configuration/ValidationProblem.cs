namespace Jellyfin.Plugin.Simkl.Configuration;

/// <summary>
/// One thing wrong with a setting, in words an administrator understands.
/// </summary>
/// <param name="Field">The setting's name.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationProblem(string Field, string Message);
