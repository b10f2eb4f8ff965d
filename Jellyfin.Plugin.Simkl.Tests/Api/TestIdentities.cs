using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;
using Jellyfin.Database.Implementations.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// Who the test host knows: its users with their passwords and roles, and the access tokens its stand-in for
/// Jellyfin's sign-in handed out (as Jellyfin keeps one token per signed-in device).
/// </summary>
public sealed class TestIdentities
{
    /// <summary>The user id the "admin" test header signs in as (an administrator who is not in the user list).</summary>
    public static readonly Guid AdministratorId = Guid.Parse("a0a0a0a0-0000-4000-8000-00000000a0a0");

    private readonly ConcurrentDictionary<Guid, TestAccount> _accounts = new();
    private readonly ConcurrentDictionary<string, Guid> _tokens = new(StringComparer.Ordinal);

    /// <summary>Gets the server's id, as <c>/System/Info/Public</c> reports it and the web client stores it.</summary>
    public string ServerId { get; } = Guid.NewGuid().ToString("N");

    public TestAccount Add(User user, string password, bool isAdministrator)
    {
        var account = new TestAccount(user, password, isAdministrator);
        _accounts[user.Id] = account;
        return account;
    }

    public TestAccount? Find(Guid userId) => _accounts.TryGetValue(userId, out var account) ? account : null;

    public TestAccount? FindByName(string? name)
        => _accounts.Values.FirstOrDefault(a => string.Equals(a.User.Username, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens a session for the user, as a sign-in does.</summary>
    public string IssueToken(Guid userId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = userId;
        return token;
    }

    public Guid? FindToken(string token) => _tokens.TryGetValue(token, out var userId) ? userId : null;

    public void Revoke(string token) => _tokens.TryRemove(token, out _);
}
