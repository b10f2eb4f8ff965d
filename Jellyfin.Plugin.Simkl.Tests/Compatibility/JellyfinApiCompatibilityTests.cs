using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Jellyfin.Plugin.Simkl.Packager;
using MediaBrowser.Controller.Entities;

namespace Jellyfin.Plugin.Simkl.Tests.Compatibility;

/// <summary>
/// One build serves Jellyfin 10.11.0 through 12.x only while every Jellyfin member the plugin binds to is declared
/// the same in both. JellyfinApiStandIn/AllowedApi.txt lists the members read at tags v10.11.0 and v12.0-rc5 and found
/// identical; these tests keep the plugin, and the stand-in it compiles against, inside that list.
/// </summary>
public sealed class JellyfinApiCompatibilityTests
{
    private const string GetItemById = "method [MediaBrowser.Controller]MediaBrowser.Controller.Library.ILibraryManager::GetItemById(System.Guid) : MediaBrowser.Controller.Entities.BaseItem";

    private static readonly string StandInFolder = Path.Combine(PackagerOptions.FindRepositoryRoot(AppContext.BaseDirectory), "JellyfinApiStandIn");

    private static ApiAllowList Allowed => ApiAllowList.Load(Path.Combine(StandInFolder, "AllowedApi.txt"));

    private static ApiAllowList StandInOnly => ApiAllowList.Load(Path.Combine(StandInFolder, "StandInOnlyApi.txt"));

    [Fact]
    public void The_plugin_binds_only_to_jellyfin_members_declared_the_same_in_10_11_0_and_12()
    {
        var outside = Allowed.NotListed(JellyfinApiSurface.BindingsOf(typeof(Plugin).Assembly));

        var message = "The plugin binds to Jellyfin members nobody has checked against 10.11.0 and 12.0. Read each "
            + "declaration at both tags; add it to JellyfinApiStandIn/AllowedApi.txt only if it is identical, otherwise "
            + "stop using it:\n" + string.Join("\n", outside);
        Assert.True(outside.Count == 0, message);
    }

    [Fact]
    public void The_check_sees_references_overrides_and_implemented_interfaces_and_names_what_is_missing()
    {
        var bindings = JellyfinApiSurface.BindingsOf(typeof(Plugin).Assembly);

        // A call, an event subscription, a type, an override of the plugin base class and an interface the plugin implements.
        Assert.Contains(GetItemById, bindings);
        Assert.Contains("method [MediaBrowser.Controller]MediaBrowser.Controller.Session.ISessionManager::add_PlaybackStopped(System.EventHandler`1<MediaBrowser.Controller.Library.PlaybackStopEventArgs>) : System.Void", bindings);
        Assert.Contains("type [Jellyfin.Database.Implementations]Jellyfin.Database.Implementations.Entities.User", bindings);
        Assert.Contains("method [MediaBrowser.Common]MediaBrowser.Common.Plugins.BasePlugin::get_Name() : System.String", bindings);
        Assert.Contains("method [MediaBrowser.Controller]MediaBrowser.Controller.Plugins.IPluginServiceRegistrator::RegisterServices(Microsoft.Extensions.DependencyInjection.IServiceCollection, MediaBrowser.Controller.IServerApplicationHost) : System.Void", bindings);
        Assert.DoesNotContain(bindings, b => b.Contains("Jellyfin.Plugin.Simkl", StringComparison.Ordinal) && !b.Contains("::", StringComparison.Ordinal));

        Assert.Equal([GetItemById], Allowed.Without(GetItemById).NotListed(bindings));
    }

    [Fact]
    public void Every_public_member_of_the_stand_in_is_checked_or_marked_stand_in_only()
    {
        var standIns = StandInAssemblies();
        if (standIns.Count == 0)
        {
            // Built with JellyfinApi=Package: the plugin compiled against the real assemblies, so there is no stand-in.
            Assert.False(IsStandIn(typeof(BaseItem).Assembly));
            return;
        }

        var outside = Allowed.NotListed(standIns.SelectMany(a => JellyfinApiSurface.PublicSurfaceOf(a.Location)), StandInOnly);

        var message = "The stand-in declares members nobody has checked against 10.11.0 and 12.0. Give each the "
            + "declaration it has at both tags and add it to JellyfinApiStandIn/AllowedApi.txt, or remove it:\n"
            + string.Join("\n", outside);
        Assert.True(outside.Count == 0, message);
    }

    [Fact]
    public void Every_stand_in_only_member_exists_in_the_stand_in_and_is_never_bound_by_the_plugin()
    {
        var surface = StandInAssemblies().SelectMany(a => JellyfinApiSurface.PublicSurfaceOf(a.Location)).ToHashSet(StringComparer.Ordinal);
        var bindings = JellyfinApiSurface.BindingsOf(typeof(Plugin).Assembly);

        foreach (var entry in StandInOnly.Entries)
        {
            Assert.False(Allowed.Contains(entry), entry + " is on both lists");
            Assert.DoesNotContain(entry, bindings);
            Assert.True(surface.Count == 0 || surface.Contains(entry), entry + " is not in the stand-in any more: drop it from StandInOnlyApi.txt");
            Assert.False(string.IsNullOrWhiteSpace(StandInOnly.NoteOf(entry)), entry + " needs a reason");
        }
    }

    [Fact]
    public void Every_allowed_member_says_where_it_was_checked_at_both_tags()
    {
        var unverified = Allowed.Entries.Where(e => Allowed.NoteOf(e) is var note
            && !(note.Contains("v10.11.0", StringComparison.Ordinal) && note.Contains("v12.0-rc5", StringComparison.Ordinal))).ToList();

        Assert.True(unverified.Count == 0, "No note of the check at v10.11.0 and v12.0-rc5:\n" + string.Join("\n", unverified));
    }

    private static List<Assembly> StandInAssemblies()
        => Directory.GetDirectories(StandInFolder)
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(StandInFolder, name!, name + ".csproj")))
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .Where(IsStandIn)
            .ToList();

    private static bool IsStandIn(Assembly assembly)
        => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == "JellyfinApiStandIn" && a.Value == "true");
}
