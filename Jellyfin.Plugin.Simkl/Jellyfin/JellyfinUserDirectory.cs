using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Accounts;
using MediaBrowser.Controller.Library;
using Microsoft.Extensions.Logging;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Lists Jellyfin's users. Jellyfin 10.11.9 turned <c>IUserManager.Users</c> into <c>GetUsers()</c>: a plugin compiled
/// against either fails on the other with MissingMethodException, so enumeration goes through reflection and works on
/// every 10.11 server. Lookups by id use <c>GetUserById</c>, which never changed.
/// </summary>
internal sealed partial class JellyfinUserDirectory : IUserDirectory
{
    private readonly IUserManager _users;
    private readonly ILogger<JellyfinUserDirectory> _logger;

    public JellyfinUserDirectory(IUserManager users, ILogger<JellyfinUserDirectory> logger)
    {
        _users = users;
        _logger = logger;
    }

    public IReadOnlyList<DirectoryUser> GetUsers()
    {
        var all = Enumerate();
        return all.Select(u => new DirectoryUser(u.Id, u.Username)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public DirectoryUser? Find(Guid userId)
        => userId == Guid.Empty ? null : _users.GetUserById(userId) is { } user ? new DirectoryUser(user.Id, user.Username) : null;

    private List<User> Enumerate()
    {
        var type = _users.GetType();
        var method = FindMethod(type, "GetUsers");
        var source = method is not null
            ? method.Invoke(_users, null)
            : FindProperty(type, "Users")?.GetValue(_users);
        if (source is IEnumerable enumerable)
        {
            return enumerable.OfType<User>().ToList();
        }

        LogNoUserList(_logger, type.FullName ?? type.Name);
        return [];
    }

    private static MethodInfo? FindMethod(Type type, string name)
        => type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
           ?? type.GetInterfaces().Select(i => i.GetMethod(name, Type.EmptyTypes)).FirstOrDefault(m => m is not null);

    private static PropertyInfo? FindProperty(Type type, string name)
        => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
           ?? type.GetInterfaces().Select(i => i.GetProperty(name)).FirstOrDefault(p => p is not null);

    [LoggerMessage(Level = LogLevel.Error, Message = "This Jellyfin version's user manager ({Type}) offers no user list; the Simkl page cannot list users")]
    private static partial void LogNoUserList(ILogger logger, string type);
}
