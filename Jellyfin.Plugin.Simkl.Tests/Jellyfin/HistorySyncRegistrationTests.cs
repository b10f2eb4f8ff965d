using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Jellyfin;
using Jellyfin.Plugin.Simkl.Sync;
using Jellyfin.Plugin.Simkl.Testing.FakeJellyfin;
using Jellyfin.Plugin.Simkl.Testing.Support;
using MediaBrowser.Controller.Library;
using MediaBrowser.Model.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Jellyfin;

/// <summary>History sync wired into the container the way the server builds it, and its tasks created the way the server does.</summary>
public sealed class HistorySyncRegistrationTests : IDisposable
{
    private readonly ServerContainer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Jellyfin_can_create_every_scheduled_task_of_the_plugin_from_the_container()
    {
        _server.Build();

        // ApplicationHost.GetExports<IScheduledTask>: the public concrete types of the plugin assembly, created with
        // ActivatorUtilities from the container. One that fails to be created marks the whole plugin failed.
        var taskTypes = typeof(Plugin).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericType && typeof(IScheduledTask).IsAssignableFrom(t))
            .ToList();
        var tasks = taskTypes.Select(t => (IScheduledTask)ActivatorUtilities.CreateInstance(_server.Provider, t)).ToList();

        Assert.Equal(["Get watch history from Simkl", "Send watch history to Simkl"], tasks.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_history_library_is_the_Jellyfin_one_and_the_follower_runs_as_hosted_services()
    {
        _server.Build();

        Assert.IsType<JellyfinWatchHistoryLibrary>(_server.Provider.GetRequiredService<IWatchHistoryLibrary>());
        var hosted = _server.Provider.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is UserDataSavedSubscriber);
        Assert.Contains(hosted, s => s is PlayedStateChangeProcessor);
    }

    [Fact]
    public async Task Starting_the_server_subscribes_to_user_data_changes_and_stopping_it_unsubscribes()
    {
        _server.Build();
        var subscriber = _server.Provider.GetRequiredService<UserDataSavedSubscriber>();

        await subscriber.StartAsync(CancellationToken.None);
        await subscriber.StopAsync(CancellationToken.None);

        _server.UserDataManager.Received(1).UserDataSaved += Arg.Any<EventHandler<UserDataSaveEventArgs>>();
        _server.UserDataManager.Received(1).UserDataSaved -= Arg.Any<EventHandler<UserDataSaveEventArgs>>();
    }

    [Theory]
    [InlineData(JellyfinLine.Jellyfin1011)]
    [InlineData(JellyfinLine.Jellyfin12)]
    public async Task In_the_servers_container_a_users_mark_played_reaches_the_sync_core_once_and_an_import_never_does(JellyfinLine line)
    {
        var jellyfin = new FakeJellyfinServer(line);
        var user = jellyfin.AddUser();
        var movie = jellyfin.AddMovie("Heat", 1995, ("Imdb", "tt0113277"));
        jellyfin.AddAlternateVersion(movie);
        var imported = jellyfin.AddMovie("Ronin", 1998, ("Imdb", "tt0122690"));
        var accounts = Substitute.For<ISimklAccountStore>();
        accounts.IsTracking(user.Id).Returns(true);
        var sink = new System.Collections.Concurrent.ConcurrentQueue<PlayedStateChange>();
        var recording = Substitute.For<IPlayedStateChangeSink>();
        recording.When(s => s.Offer(Arg.Any<PlayedStateChange>())).Do(call => sink.Enqueue(call.Arg<PlayedStateChange>()));
        _server.Build(services =>
        {
            services.AddSingleton<ILibraryManager>(jellyfin.Library);
            services.AddSingleton<IUserManager>(jellyfin.Users);
            services.AddSingleton<IUserDataManager>(jellyfin.UserData);
            services.AddSingleton(accounts);
            services.AddSingleton(recording);
        });
        var subscriber = _server.Provider.GetRequiredService<UserDataSavedSubscriber>();
        var loop = _server.Provider.GetRequiredService<PlayedStateChangeProcessor>();
        await subscriber.StartAsync(CancellationToken.None);
        await loop.StartAsync(CancellationToken.None);

        await _server.Provider.GetRequiredService<IWatchHistoryLibrary>().SetPlayedAsync(user.Id, imported.Id, true, DateTimeOffset.UtcNow, CancellationToken.None);
        jellyfin.UserData.MarkPlayed(user, movie, DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (loop.Processed < (line == JellyfinLine.Jellyfin12 ? 2 : 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await loop.StopAsync(CancellationToken.None);
        await subscriber.StopAsync(CancellationToken.None);
        var change = Assert.Single(sink);
        Assert.Equal((user.Id, movie.Id, true, "tt0113277"), (change.UserId, change.Item.ItemId, change.Played, change.Item.Ids["imdb"]));
    }

    private sealed class Progress(System.Collections.Generic.List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}
