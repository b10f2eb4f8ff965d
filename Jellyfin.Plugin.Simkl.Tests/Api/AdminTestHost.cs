using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.Accounts;
using Jellyfin.Plugin.Simkl.Activity;
using Jellyfin.Plugin.Simkl.Api;
using Jellyfin.Plugin.Simkl.Configuration;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.Tests.FakeSimkl;
using Jellyfin.Plugin.Simkl.Tests.Support;
using MediaBrowser.Common.Api;
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
/// An in-process ASP.NET Core host on 127.0.0.1 standing in for Jellyfin: the plugin's real controller and services,
/// the real Simkl client pointed at the fake Simkl, an administrator policy under the server's policy name, the
/// plugin's configuration page, and the generic plugin-configuration endpoint the page uses for its settings.
/// </summary>
public sealed class AdminTestHost : IAsyncDisposable
{
    public static readonly Guid AliceId = Guid.Parse("11111111-2222-3333-4444-555555555555");
    public static readonly Guid BobId = Guid.Parse("66666666-7777-8888-9999-000000000000");
    public static readonly Guid MoviesLibraryId = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid AnimeLibraryId = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002");

    private readonly TemporaryDirectory _dataFolder = new();
    private WebApplication? _app;

    private AdminTestHost(FakeTimeProvider time, FakeSimklServer simkl)
    {
        Time = time;
        Simkl = simkl;
        Configuration = new PluginConfiguration { ClientId = FakeSimklServer.ClientId, SimklApiBaseUrl = simkl.BaseUrl.ToString() };
        Store = Substitute.For<IPluginConfigurationStore>();
        Store.Current.Returns(_ => Configuration);
        Store.DataFolderPath.Returns(_dataFolder.Path);
        Store.When(s => s.Save(Arg.Any<PluginConfiguration>())).Do(call => Configuration = call.Arg<PluginConfiguration>());
        Directory.Users.Add(new ServerUser(AliceId, "alice"));
        Directory.Users.Add(new ServerUser(BobId, "bob"));
        Directory.Libraries.Add(new ServerLibrary(MoviesLibraryId, "Movies"));
        Directory.Libraries.Add(new ServerLibrary(AnimeLibraryId, "Anime"));
    }

    public FakeTimeProvider Time { get; }

    public FakeSimklServer Simkl { get; }

    public PluginConfiguration Configuration { get; set; }

    public IPluginConfigurationStore Store { get; }

    public FakeServerDirectory Directory { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public string DataFolder => _dataFolder.Path;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public ISimklAccountStore Accounts => Services.GetRequiredService<ISimklAccountStore>();

    public IActivityLog Activity => Services.GetRequiredService<IActivityLog>();

    public static async Task<AdminTestHost> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        var simkl = await FakeSimklServer.StartAsync(time).ConfigureAwait(false);
        var host = new AdminTestHost(time, simkl);
        await host.StartWebAsync().ConfigureAwait(false);
        return host;
    }

    /// <summary>A client that signs in with the given role ("Administrator", "User"), or anonymously for null.</summary>
    public HttpClient CreateClient(string? role = TestRoleAuthenticationHandler.Administrator)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(TestRoleAuthenticationHandler.Header, role);
        }

        return client;
    }

    /// <summary>Sends a request while simulated time moves, so the client's pacing and Simkl's clock progress.</summary>
    public Task<T> RunAsync<T>(Task<T> call) => Time.RunAsync(call, TimeSpan.FromMinutes(5));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        await Simkl.DisposeAsync().ConfigureAwait(false);
        Logs.Dispose();
        _dataFolder.Dispose();
    }

    private static string EmbeddedResource(string name)
    {
        var assembly = typeof(Plugin).Assembly;
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new FileNotFoundException("No embedded resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task StartWebAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var services = builder.Services;
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Store);
        services.AddSingleton<IServerUserDirectory>(Directory);
        services.AddSingleton<IServerLibraryDirectory>(Directory);
        services.AddSimklApi("10.11.11");
        services.AddSimklAccounts();
        services.AddActivityLog();
        services.AddSimklAdminApi();
        services.AddAuthentication(TestRoleAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestRoleAuthenticationHandler>(TestRoleAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options => options.AddPolicy(Policies.RequiresElevation, policy => policy.RequireRole(TestRoleAuthenticationHandler.Administrator)));
        services.AddControllers().AddApplicationPart(typeof(SimklController).Assembly);

        // Jellyfin's own endpoints use PascalCase names and enums as strings.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = null;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        MapDashboard(app);
        await app.StartAsync().ConfigureAwait(false);
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        _app = app;
    }

    /// <summary>What the Jellyfin web client would serve: the shell, the plugin's pages by their registered names, and the plugin configuration.</summary>
    private void MapDashboard(WebApplication app)
    {
        var paths = Substitute.For<MediaBrowser.Common.Configuration.IApplicationPaths>();
        paths.PluginsPath.Returns(_dataFolder.Path);
        paths.PluginConfigurationsPath.Returns(_dataFolder.Path);
        var pages = new Plugin(paths, new XmlFileSerializer(), new PluginConfigurationStore()).GetPages().ToList();
        app.MapGet("/web/configurationpage", (string name) =>
        {
            var page = pages.FirstOrDefault(p => p.Name == name);
            return page is null
                ? Results.NotFound()
                : Results.Text(EmbeddedResource(page.EmbeddedResourcePath), name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/html");
        });
        app.MapGet("/web/shell.html", () => Results.Text(ReadShell("shell.html"), "text/html"));
        app.MapGet("/web/shell.js", () => Results.Text(ReadShell("shell.js"), "text/javascript"));
        app.MapGet("/Plugins/" + Plugin.PluginGuid + "/Configuration", () => Results.Json(Configuration)).RequireAuthorization(Policies.RequiresElevation);
        app.MapPost("/Plugins/" + Plugin.PluginGuid + "/Configuration", (PluginConfiguration configuration) =>
        {
            Configuration = configuration;
            return Results.NoContent();
        }).RequireAuthorization(Policies.RequiresElevation);
    }

    private static string ReadShell(string name)
    {
        var path = Path.Combine(Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location)!, "Browser", name);
        return File.ReadAllText(path);
    }
}
