using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Database.Implementations.Entities;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Jellyfin.Plugin.Simkl.Testing.Support;
using MediaBrowser.Common.Api;
using MediaBrowser.Controller;
using MediaBrowser.Controller.Library;
using MediaBrowser.Controller.Session;
using MediaBrowser.Model.Entities;
using MediaBrowser.Model.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Jellyfin.Plugin.Simkl.Tests.Api;

/// <summary>
/// An in-process ASP.NET Core host with the plugin registered exactly as the server registers it, the real controllers,
/// a stand-in for Jellyfin's authentication and sign-in, the real embedded config page inside a small dashboard shell, and the
/// fake Simkl behind the real client. Runs on 127.0.0.1 with simulated time.
/// </summary>
public sealed class AdminApiHost : IAsyncDisposable
{
    public const string ShellPath = "/web/simkl-test-shell.html";

    /// <summary>A base URL as an administrator may configure in Jellyfin (Networking, Base URL).</summary>
    public const string BasePath = "/jellyfin";

    private readonly TemporaryDirectory _directory = new();
    private readonly List<User> _users = [];
    private WebApplication? _app;

    private AdminApiHost(FakeTimeProvider time, FakeSimklServer simkl)
    {
        Time = time;
        Simkl = simkl;
    }

    public FakeTimeProvider Time { get; }

    public FakeSimklServer Simkl { get; }

    public NetworkActivity Network { get; } = new();

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public VirtualFolderInfo[] Libraries { get; } =
    [
        new() { Name = "Movies", ItemId = Guid.NewGuid().ToString("N") },
        new() { Name = "Anime", ItemId = Guid.NewGuid().ToString("N") },
    ];

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public PluginConfiguration Configuration => Services.GetRequiredService<IPluginConfigurationStore>().Current;

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>Gets the users, passwords and sessions the stand-in authentication knows.</summary>
    public TestIdentities Identities { get; } = new();

    internal ISimklAccountStore Accounts => Services.GetRequiredService<ISimklAccountStore>();

    public static async Task<AdminApiHost> StartAsync(bool withClientId = true)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        var simkl = await FakeSimklServer.StartAsync(time);
        var host = new AdminApiHost(time, simkl);
        await host.BootAsync(withClientId);
        return host;
    }

    /// <summary>Adds a Jellyfin user (not an administrator unless asked) who can sign in with the password.</summary>
    public User AddUser(string name, string password = "password", bool isAdministrator = false)
    {
        var user = new User(name, "Default", "Default");
        _users.Add(user);
        Identities.Add(user, password, isAdministrator);
        return user;
    }

    /// <summary>
    /// Links the Jellyfin user to the Simkl account straight in the account store, with the account id a PIN link
    /// records. A link without it would have the outbox replayer ask Simkl for it in the background, a call no route made.
    /// </summary>
    public Task LinkAsync(User user, FakeSimklUser account)
        => Accounts.LinkAsync(user.Id, new SimklToken(account.Token), account.Name, account.AccountId, CancellationToken.None);

    /// <summary>A client acting as the given user (see <see cref="TestAuthHandler"/>).</summary>
    public HttpClient CreateClient(User user) => CreateClient(TestAuthHandler.As(user.Id));

    /// <summary>A client that is "admin", "user", "apikey", a user id, or anonymous (null).</summary>
    public HttpClient CreateClient(string? who = "admin")
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (who is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.Header, who);
        }

        return client;
    }

    /// <summary>Waits for a request to our API while simulated time runs (the server may be waiting on Simkl).</summary>
    public Task<T> RunAsync<T>(Task<T> call, TimeSpan? step = null) => Time.RunAsync(call, TimeSpan.FromHours(1), step ?? TimeSpan.FromMilliseconds(500));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Simkl.DisposeAsync();
        _directory.Dispose();
    }

    private async Task BootAsync(bool withClientId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");

        var paths = ApplicationPathsUnder.Create(_directory.Path);
        Directory.CreateDirectory(paths.PluginsPath);
        var applicationHost = Substitute.For<IServerApplicationHost>();
        applicationHost.ApplicationVersionString.Returns("10.11.11");
        var userManager = Substitute.For<IUserManager>();
        userManager.GetUsers().Returns(_ => _users.ToList());
        userManager.GetUserById(Arg.Any<Guid>()).Returns(call => _users.FirstOrDefault(u => u.Id == call.Arg<Guid>()));
        var libraryManager = Substitute.For<ILibraryManager>();
        libraryManager.GetVirtualFolders().Returns(_ => Libraries.ToList());

        var services = builder.Services;
        services.AddSingleton(paths);
        services.AddSingleton<IXmlSerializer>(new XmlFileSerializer());
        services.AddSingleton(applicationHost);
        services.AddSingleton(Substitute.For<ISessionManager>());
        services.AddSingleton(libraryManager);
        services.AddSingleton(userManager);
        services.AddSingleton(Substitute.For<IUserDataManager>());
        services.AddSingleton<TimeProvider>(Time);
        new PluginServiceRegistrator().RegisterServices(services, applicationHost);
        services.AddHttpClient(SimklApiServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(Network.CreateHandler);
        Time.WaitFor(() => Network.InFlight > Simkl.Stalled);

        services.AddSingleton(Identities);
        services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        services.AddAuthorization(options => options.AddPolicy(Policies.RequiresElevation, policy => policy.RequireRole("Administrator")));
        services.AddControllers().AddApplicationPart(typeof(SimklController).Assembly)
            .AddJsonOptions(options =>
            {
                // As Jellyfin 10.11 configures MVC (JsonDefaults.PascalCaseOptions): PascalCase names, enums as
                // strings, nulls left out. The plugin's routes must keep their documented camelCase names anyway.
                options.JsonSerializerOptions.PropertyNamingPolicy = null;
                options.JsonSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
                options.JsonSerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString;
                options.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            });

        var app = builder.Build();

        // Jellyfin serves everything under its configured base URL (app.Map(BaseUrl)); the host answers both at the
        // root and under BasePath, so a test can check the pages work under a base URL.
        app.UsePathBase(BasePath);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        var plugin = ActivatorUtilities.CreateInstance<Plugin>(app.Services);
        app.MapGet(ShellPath, () => Results.Content(ConfigPageShell.Html, "text/html"));
        JellyfinSignInStandIn.Map(app, Identities);
        app.MapGet("/web/configurationpage", (string name) => ConfigPageShell.EmbeddedPage(plugin, name));
        if (withClientId)
        {
            plugin.Configuration.ClientId = FakeSimklServer.ClientId;
        }

        plugin.Configuration.SimklApiBaseUrl = Simkl.BaseUrl.ToString();
        await app.StartAsync();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _app = app;
    }
}
