using System;
using System.Collections.Generic;
using Jellyfin.Database.Implementations.Entities;

namespace MediaBrowser.Controller.Library;

// 10.11.9 turned the Users/UsersIds properties into these methods; a plugin that names either binds to
// one range of 10.11 servers only, so the plugin reaches user enumeration through reflection.
public interface IUserManager
{
    IEnumerable<User> GetUsers();

    User? GetUserById(Guid id);
}
