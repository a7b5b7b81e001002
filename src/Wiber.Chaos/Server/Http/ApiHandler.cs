using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Wiber.Chaos.Server.Proxies;

namespace Wiber.Chaos.Server.Http;

/// <summary>
/// The HTTP front door: routing, toxiproxy's middleware (request id, browser block) and writing replies.
/// Unknown paths and wrong methods never reach the middleware, as in gorilla/mux: no request id there.
/// </summary>
internal sealed class ApiHandler(ProxyCollection proxies)
{
    private const string RequestIdHeader = "X-Toxiproxy-Request-Id";

    private readonly ProxyEndpoints _proxies = new(proxies);
    private readonly ToxicEndpoints _toxics = new(proxies);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (ApiRoutes.Match(DecodedPath(context)) is not { } match)
        {
            await WriteAsync(context, ApiReply.Text(404, "404 page not found\n")).ConfigureAwait(false);
            return;
        }
        if (!ApiRoutes.Allows(match.Route, request.Method))
        {
            context.Response.StatusCode = 405;
            return;
        }
        context.Response.Headers[RequestIdHeader] = RequestIds.Next();
        if (request.Headers.UserAgent.ToString().StartsWith("Mozilla/", StringComparison.Ordinal))
        {
            await WriteAsync(context, ApiReply.Text(403, "User agent not allowed\n")).ConfigureAwait(false);
            return;
        }
        ApiReply reply;
        try
        {
            reply = await DispatchAsync(context, match).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            reply = ApiReply.Error(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Upstream answers any error without a status as a 500 carrying its text.
            reply = ApiReply.Error(new ApiException(500, e.Message));
        }
        await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private Task<ApiReply> DispatchAsync(HttpContext context, RouteMatch match)
    {
        var method = context.Request.Method;
        var cancellationToken = context.RequestAborted;
        var body = () => ReadBodyAsync(context);
        return (match.Route, method) switch
        {
            (ApiRoute.Proxies, "GET") => Task.FromResult(_proxies.List()),
            (ApiRoute.Proxies, _) => Then(body, b => _proxies.CreateAsync(b, cancellationToken)),
            (ApiRoute.Proxy, "GET") => Task.FromResult(_proxies.Show(match.Proxy)),
            (ApiRoute.Proxy, "DELETE") => _proxies.DeleteAsync(match.Proxy, cancellationToken),
            (ApiRoute.Proxy, _) => _proxies.UpdateAsync(match.Proxy, body, cancellationToken),
            (ApiRoute.Toxics, "GET") => Task.FromResult(_toxics.List(match.Proxy)),
            (ApiRoute.Toxics, _) => Then(body, b => _toxics.CreateAsync(match.Proxy, b, cancellationToken)),
            (ApiRoute.Toxic, "GET") => Task.FromResult(_toxics.Show(match.Proxy, match.Toxic)),
            (ApiRoute.Toxic, "DELETE") => _toxics.DeleteAsync(match.Proxy, match.Toxic, cancellationToken),
            (ApiRoute.Toxic, _) => _toxics.UpdateAsync(match.Proxy, match.Toxic, body, cancellationToken),
            (ApiRoute.Populate, _) => Then(body, b => _proxies.PopulateAsync(b, cancellationToken)),
            (ApiRoute.Reset, _) => _proxies.ResetAsync(cancellationToken),
            _ => Task.FromResult(ProxyEndpoints.Version()),
        };
    }

    private static async Task<ApiReply> Then(Func<Task<byte[]>> body, Func<byte[], Task<ApiReply>> handle) =>
        await handle(await body().ConfigureAwait(false)).ConfigureAwait(false);

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Go matches routes on the fully decoded path (%2F included), so we decode the raw target ourselves.</summary>
    private static string DecodedPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return context.Request.Path.Value ?? "/";
        }
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? raw : raw[..query];
        if (!path.StartsWith('/') && Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            path = absolute.AbsolutePath;
        }
        return Uri.UnescapeDataString(path);
    }

    private static async Task WriteAsync(HttpContext context, ApiReply reply)
    {
        var response = context.Response;
        response.StatusCode = reply.Status;
        if (reply.ContentType is not null)
        {
            response.ContentType = reply.ContentType;
        }
        if (reply.NoSniff)
        {
            response.Headers.XContentTypeOptions = "nosniff";
        }
        if (reply.Body.Length > 0)
        {
            response.ContentLength = reply.Body.Length;
            await response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
