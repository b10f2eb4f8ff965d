using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Jellyfin;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Entities;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

public sealed class JellyfinUserDirectoryTests
{
    /// <summary>The shape of IUserManager before 10.11.9: a property instead of GetUsers().</summary>
    public interface IUserManagerBefore10119
    {
        IEnumerable<User> Users { get; }
    }

    [Fact]
    public void Lists_users_by_name_through_GetUsers_on_10_11_9_and_later()
    {
        var manager = Substitute.For<IUserManager>();
        var zoe = new User("zoe", "auth", "reset");
        var adam = new User("adam", "auth", "reset");
        manager.GetUsers().Returns([zoe, adam]);
        manager.GetUserById(zoe.Id).Returns(zoe);

        var directory = new JellyfinUserDirectory(manager);

        Assert.Equal(["adam", "zoe"], directory.GetUsers().Select(u => u.Name));
        Assert.Equal("zoe", directory.Find(zoe.Id)!.Name);
        Assert.Null(directory.Find(Guid.NewGuid()));
    }

    [Fact]
    public void Lists_users_through_the_Users_property_before_10_11_9()
    {
        var manager = Substitute.For<IUserManagerBefore10119>();
        var ada = new User("ada", "auth", "reset");
        manager.Users.Returns([ada]);

        var enumerate = JellyfinUserDirectory.BindEnumeration<IUserManagerBefore10119>();

        Assert.Same(ada, Assert.Single(enumerate(manager)));
    }

    [Fact]
    public void Libraries_are_the_virtual_folders_with_an_id()
    {
        var manager = Substitute.For<ILibraryManager>();
        var movies = Guid.NewGuid();
        manager.GetVirtualFolders().Returns([
            new VirtualFolderInfo { Name = "Movies", ItemId = movies.ToString("N") },
            new VirtualFolderInfo { Name = "Broken", ItemId = "not an id" },
        ]);

        var library = Assert.Single(new JellyfinLibraryDirectory(manager).GetLibraries());

        Assert.Equal(movies, library.Id);
        Assert.Equal("Movies", library.Name);
    }
}
