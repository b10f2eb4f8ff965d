using Jellyfin.Database.Implementations.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>A Jellyfin user of the test host, with the password the stand-in sign-in checks.</summary>
public sealed record TestAccount(User User, string Password, bool IsAdministrator);
