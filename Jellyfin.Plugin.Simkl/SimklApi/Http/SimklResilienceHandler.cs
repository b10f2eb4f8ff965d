using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace Jellyfin.Plugin.Simkl.SimklApi.Http;

/// <summary>Sends each request through the server-wide retry and circuit-breaker pipeline.</summary>
internal sealed class SimklResilienceHandler : DelegatingHandler
{
    private readonly SimklResiliencePipeline _pipeline;

    public SimklResilienceHandler(SimklResiliencePipeline pipeline) => _pipeline = pipeline;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.Pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken).ConfigureAwait(ctx.ContinueOnCapturedContext),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => base.SendAsync(request, cancellationToken);
}
