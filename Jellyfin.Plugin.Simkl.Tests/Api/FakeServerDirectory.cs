using System;
using System.Collections.Generic;
using System.Linq;
using Jellyfin.Plugin.Simkl.Api;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>The users and libraries of a pretend Jellyfin server.</summary>
public sealed class FakeServerDirectory : IServerUserDirectory, IServerLibraryDirectory
{
    public List<ServerUser> Users { get; } = [];

    public List<ServerLibrary> Libraries { get; } = [];

    public IReadOnlyList<ServerUser> GetUsers() => Users.ToList();

    public ServerUser? Find(Guid userId) => Users.FirstOrDefault(u => u.Id == userId);

    public IReadOnlyList<ServerLibrary> GetLibraries() => Libraries.ToList();
}
