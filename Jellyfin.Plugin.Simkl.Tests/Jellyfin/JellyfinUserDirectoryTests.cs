using System;
using System.Linq;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Jellyfin;
using MediaBrowser.Controller.Library;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

public sealed class JellyfinUserDirectoryTests
{
    [Fact]
    public void Lists_every_user_by_name_and_finds_one_by_id()
    {
        var manager = Substitute.For<IUserManager>();
        var zoe = new User("zoe", "auth", "reset");
        var adam = new User("Adam", "auth", "reset");
        manager.GetUsers().Returns([zoe, adam]);
        manager.GetUserById(zoe.Id).Returns(zoe);

        var directory = new JellyfinUserDirectory(manager, NullLogger<JellyfinUserDirectory>.Instance);

        Assert.Equal(["Adam", "zoe"], directory.GetUsers().Select(u => u.Name));
        Assert.Equal(zoe.Id, directory.GetUsers()[1].Id);
        Assert.Equal("zoe", directory.Find(zoe.Id)!.Name);
        Assert.Null(directory.Find(Guid.NewGuid()));
        Assert.Null(directory.Find(Guid.Empty));
    }

    [Fact]
    public void Never_binds_to_a_user_list_member_at_compile_time()
    {
        // Naming IUserManager.GetUsers (10.11.9+) or .Users (before) in IL ties the plugin to one side of 10.11.9.
        var plugin = typeof(JellyfinUserDirectory).Assembly;
        var referenced = plugin.GetTypes()
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
            .Select(m => m.GetMethodBody()?.GetILAsByteArray())
            .Where(il => il is not null)
            .Any(il => ReferencesMethod(il!, typeof(IUserManager).GetMethod(nameof(IUserManager.GetUsers))!.MetadataToken, plugin));

        Assert.False(referenced);
    }

    private static bool ReferencesMethod(byte[] il, int definitionToken, System.Reflection.Assembly plugin)
    {
        // Look for call/callvirt (0x28/0x6F) operands that resolve to the member.
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F))
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            try
            {
                if (plugin.ManifestModule.ResolveMethod(token) is { } method && method.MetadataToken == definitionToken && method.DeclaringType == typeof(IUserManager))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // Not a method token (the byte was an operand of another instruction).
            }
        }

        return false;
    }
}
