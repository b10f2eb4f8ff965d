using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Jellyfin.Plugin.Simkl.SimklApi;
using Jellyfin.Plugin.Simkl.SimklApi.Http;
using Jellyfin.Plugin.Simkl.SimklApi.Models;
using Jellyfin.Plugin.Simkl.Testing.FakeSimkl;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Jellyfin.Plugin.Simkl.Tests.SimklApi;

/// <summary>Connections and handlers are given back: nothing is held forever, nothing leaks when an answer breaks.</summary>
public sealed class SimklHttpLifetimeTests
{
    [Fact]
    public async Task A_client_held_by_a_long_lived_service_takes_a_fresh_http_client_from_the_factory_for_every_call()
    {
        CountingHttpClientFactory? factory = null;
        await using var harness = await SimklClientHarness.StartAsync(services => services.AddSingleton<IHttpClientFactory>(sp =>
            factory = new CountingHttpClientFactory(sp.GetRequiredService<IHttpMessageHandlerFactory>(), sp.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>())));

        // The tracker, the outbox and the resolver are singletons: they resolve the client once and keep it.
        var client = harness.Client;
        Assert.Same(client, harness.Client);
        for (var i = 0; i < 3; i++)
        {
            var result = await harness.RunAsync(client.SearchByIdAsync(new IdLookup("imdb", "tt" + i), CancellationToken.None));
            Assert.Equal(SimklOutcome.Success, result.Outcome);
        }

        // A fresh client per call lets the factory rotate the handler (DNS, stale connections); one captured client cannot.
        Assert.Equal(3, factory!.Created);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_response_whose_body_cannot_be_read_is_disposed_before_the_failure_goes_on(bool tooSlow)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        var options = new SimklHttpOptions();
        using var gate = new SimklBurstGate(time, options);
        var content = new BrokenContent(tooSlow);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        using var pacing = new SimklPacingHandler(gate, time, options) { InnerHandler = new FixedAnswer(response) };
        using var invoker = new HttpMessageInvoker(pacing);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/search/id");

        var send = invoker.SendAsync(request, CancellationToken.None);
        if (tooSlow)
        {
            await content.Reading.Task;
            time.Advance(options.AttemptTimeout);
            await Assert.ThrowsAsync<TimeoutException>(() => send);
        }
        else
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => send);
        }

        Assert.True(content.Disposed, "The response of a failed read was left open.");
    }

    private sealed class CountingHttpClientFactory(IHttpMessageHandlerFactory handlers, IOptionsMonitor<HttpClientFactoryOptions> options) : IHttpClientFactory
    {
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public HttpClient CreateClient(string name)
        {
            Interlocked.Increment(ref _created);
            var client = new HttpClient(handlers.CreateHandler(name), disposeHandler: false);
            foreach (var configure in options.Get(name).HttpClientActions)
            {
                configure(client);
            }

            return client;
        }
    }

    private sealed class FixedAnswer(HttpResponseMessage response) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(response);
    }

    /// <summary>A body that breaks half-way (the connection drops) or never finishes (until the read is cancelled).</summary>
    private sealed class BrokenContent(bool tooSlow) : HttpContent
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        protected override async Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("{\"id\": 1"u8.ToArray(), cancellationToken);
            Reading.TrySetResult();
            if (!tooSlow)
            {
                throw new HttpRequestException("The connection dropped half-way through the body.");
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context)
            => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
