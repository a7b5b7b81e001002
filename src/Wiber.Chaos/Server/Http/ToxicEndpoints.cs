using Wiber.Chaos.Server.Json;
using Wiber.Chaos.Server.Proxies;
using Wiber.Chaos.Server.Toxics;

namespace Wiber.Chaos.Server.Http;

/// <summary>The toxic routes of one proxy, with toxiproxy's checks in toxiproxy's order.</summary>
internal sealed class ToxicEndpoints(ProxyCollection proxies)
{
    public ApiReply List(string proxy) => ApiReply.Json(200, ApiJson.Toxics(Find(proxy).Snapshot().Toxics));

    /// <summary>
    /// Checks, in upstream's order: body decodes, stream, default name, type, unique name (both directions),
    /// attributes. Answers 200, not 201. The toxic joins every live connection at once.
    /// </summary>
    public async Task<ApiReply> CreateAsync(string proxyName, byte[] body, CancellationToken cancellationToken)
    {
        var proxy = Find(proxyName);
        var request = RequestDecoder.ToxicCreate(body);
        if (!StreamDirections.TryParse(request.Stream, out var direction))
        {
            throw ApiException.InvalidStream();
        }
        var name = request.Name.Length > 0 ? request.Name : $"{request.Type}_{request.Stream}";
        var type = ToxicTypes.Find(request.Type) ?? throw ApiException.InvalidToxicType();
        await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (proxy.Removed)
            {
                throw ApiException.ProxyNotFound();
            }
            if (proxy.FindToxic(name) is not null)
            {
                throw ApiException.ToxicAlreadyExists();
            }
            var attributes = Validated(type, RequestDecoder.Attributes(type, request.Attributes, new long[type.Attributes.Count]));
            var toxic = new ToxicDefinition(name, type, request.Stream, direction, request.Toxicity, attributes);
            await proxy.AddToxicAsync(toxic).ConfigureAwait(false);
            return ApiReply.Json(200, ApiJson.Toxic(toxic));
        }
        finally
        {
            proxy.Gate.Release();
        }
    }

    public ApiReply Show(string proxy, string toxic) =>
        ApiReply.Json(200, ApiJson.Toxic(Find(proxy).FindToxic(toxic) ?? throw ApiException.ToxicNotFound()));

    /// <summary>Partial attributes and toxicity; the stage restarts on every live connection of that direction.</summary>
    public async Task<ApiReply> UpdateAsync(string proxyName, string toxicName, Func<Task<byte[]>> readBody, CancellationToken cancellationToken)
    {
        var proxy = Find(proxyName);
        await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (proxy.Removed)
            {
                throw ApiException.ProxyNotFound();
            }
            var current = proxy.FindToxic(toxicName) ?? throw ApiException.ToxicNotFound();
            var (attributes, toxicity) = RequestDecoder.ToxicUpdate(await readBody().ConfigureAwait(false), current.Type);
            var updated = current with
            {
                Attributes = Validated(current.Type, RequestDecoder.Attributes(current.Type, attributes, current.Attributes)),
                Toxicity = toxicity ?? current.Toxicity,
            };
            await proxy.UpdateToxicAsync(updated).ConfigureAwait(false);
            return ApiReply.Json(200, ApiJson.Toxic(updated));
        }
        finally
        {
            proxy.Gate.Release();
        }
    }

    public async Task<ApiReply> DeleteAsync(string proxyName, string toxicName, CancellationToken cancellationToken)
    {
        var proxy = Find(proxyName);
        await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (proxy.Removed)
            {
                throw ApiException.ProxyNotFound();
            }
            var toxic = proxy.FindToxic(toxicName) ?? throw ApiException.ToxicNotFound();
            await proxy.RemoveToxicAsync(toxic).ConfigureAwait(false);
            return ApiReply.NoContent();
        }
        finally
        {
            proxy.Gate.Release();
        }
    }

    /// <summary>Our deviation: values that crash or wedge the real server are a 400 instead.</summary>
    private static long[] Validated(ToxicType type, long[] attributes) =>
        type.Validate(attributes) is { } problem ? throw ApiException.BadRequestBody(problem) : attributes;

    private ManagedProxy Find(string name) => proxies.Find(name) ?? throw ApiException.ProxyNotFound();
}
