using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Api;
using MediaBrowser.Controller.Library;

namespace Jellyfin.Plugin.Simkl.Jellyfin;

/// <summary>
/// Lists the server's users through <see cref="IUserManager"/>.
/// </summary>
/// <remarks>
/// Jellyfin 10.11.9 turned the <c>Users</c> property into a <c>GetUsers()</c> method. A plugin compiled against either
/// fails with MissingMethodException on the other side of that release, so enumeration is bound once, at run time,
/// to whichever member the running server has. <c>GetUserById</c> is the same on every 10.11 release.
/// </remarks>
public sealed class JellyfinUserDirectory : IServerUserDirectory
{
    private readonly IUserManager _userManager;
    private readonly Func<IUserManager, IEnumerable<User>> _enumerate;

    /// <summary>Initializes a new instance of the <see cref="JellyfinUserDirectory"/> class.</summary>
    /// <param name="userManager">The server's user manager.</param>
    public JellyfinUserDirectory(IUserManager userManager)
    {
        _userManager = userManager;
        _enumerate = BindEnumeration<IUserManager>();
    }

    /// <inheritdoc />
    public IReadOnlyList<ServerUser> GetUsers()
        => _enumerate(_userManager)
            .Select(ToServerUser)
            .OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    /// <inheritdoc />
    public ServerUser? Find(Guid userId)
        => userId == Guid.Empty || _userManager.GetUserById(userId) is not { } user ? null : ToServerUser(user);

    /// <summary>Binds user enumeration to <c>GetUsers()</c> (10.11.9 and later) or the <c>Users</c> property (before).</summary>
    /// <typeparam name="TManager">The user manager type the running server has.</typeparam>
    /// <returns>A function that lists the users.</returns>
    internal static Func<TManager, IEnumerable<User>> BindEnumeration<TManager>()
    {
        var method = typeof(TManager).GetMethod("GetUsers", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (method is not null && typeof(IEnumerable<User>).IsAssignableFrom(method.ReturnType))
        {
            return manager => (IEnumerable<User>?)method.Invoke(manager, null) ?? [];
        }

        var property = typeof(TManager).GetProperty("Users", BindingFlags.Public | BindingFlags.Instance);
        if (property?.GetMethod is { } getter && typeof(IEnumerable<User>).IsAssignableFrom(property.PropertyType))
        {
            return manager => (IEnumerable<User>?)getter.Invoke(manager, null) ?? [];
        }

        throw new MissingMemberException(typeof(TManager).FullName, "GetUsers/Users");
    }

    private static ServerUser ToServerUser(User user) => new(user.Id, user.Username);
}
