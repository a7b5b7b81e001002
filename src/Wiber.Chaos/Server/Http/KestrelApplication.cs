using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Wiber.Chaos.Server.Http;

/// <summary>
/// Kestrel without the generic host: no configuration sources, no console lifetime grabbing Ctrl+C from the
/// process that embeds us, just one request delegate.
/// </summary>
internal sealed class KestrelApplication(RequestDelegate handle) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => handle(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
