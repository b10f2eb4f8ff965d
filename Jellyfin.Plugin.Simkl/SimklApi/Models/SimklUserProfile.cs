namespace Jellyfin.Plugin.Simkl.SimklApi.Models;

/// <summary>
/// The Simkl account a token belongs to, from <c>POST /users/settings</c>.
/// </summary>
/// <param name="Name">The account's display name (<c>user.name</c>).</param>
/// <param name="AccountId">The account id (<c>account.id</c>).</param>
public sealed record SimklUserProfile(string? Name, long? AccountId);
