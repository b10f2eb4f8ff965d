using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Database.Implementations.Entities;
using MediaBrowser.Controller.Library;

namespace Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;

/// <summary>Jellyfin's users, in memory.</summary>
public sealed class FakeUserManager : IUserManager
{
    private readonly List<User> _users = [];

    public User Add(string name)
    {
        var user = new User(name, "Default", "Default");
        lock (_users)
        {
            _users.Add(user);
        }

        return user;
    }

    public IEnumerable<User> GetUsers()
    {
        lock (_users)
        {
            return _users.ToList();
        }
    }

    public User? GetUserById(Guid id)
    {
        lock (_users)
        {
            return _users.FirstOrDefault(u => u.Id == id);
        }
    }
}
