using Wiber.Chaos.Server.Json;
using Wiber.Chaos.Server.Proxies;

namespace Wiber.Chaos.Server.Http;

/// <summary>The proxy routes plus /populate, /reset and /version, with toxiproxy's checks in toxiproxy's order.</summary>
internal sealed class ProxyEndpoints(ProxyCollection proxies)
{
    public ApiReply List() => ApiReply.Json(200, ApiJson.ProxyMap(proxies.All().Select(p => p.Snapshot())));

    public async Task<ApiReply> CreateAsync(byte[] body, CancellationToken cancellationToken)
    {
        var input = RequestDecoder.Proxy(body, new ProxyInput("", "", "", Enabled: true));
        if (input.Name.Length == 0)
        {
            throw ApiException.MissingField("name");
        }
        if (input.Upstream.Length == 0)
        {
            throw ApiException.MissingField("upstream");
        }
        var proxy = await proxies.CreateAsync(input, cancellationToken).ConfigureAwait(false);
        return ApiReply.Json(201, ApiJson.Proxy(proxy.Snapshot()));
    }

    public ApiReply Show(string name) => ApiReply.Json(200, ApiJson.Proxy(Find(name).Snapshot()));

    /// <summary>POST or PATCH: unknown proxy is a 404 before the body is looked at; omitted fields keep their values.</summary>
    public async Task<ApiReply> UpdateAsync(string name, Func<Task<byte[]>> readBody, CancellationToken cancellationToken)
    {
        var proxy = Find(name);
        var body = await readBody().ConfigureAwait(false);
        await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (proxy.Removed)
            {
                throw ApiException.ProxyNotFound();
            }
            var current = proxy.Snapshot();
            var input = RequestDecoder.Proxy(body, new ProxyInput(name, current.Listen, current.Upstream, current.Enabled));
            await proxy.UpdateAsync(input.Listen, input.Upstream, input.Enabled, cancellationToken).ConfigureAwait(false);
            return ApiReply.Json(200, ApiJson.Proxy(proxy.Snapshot()));
        }
        finally
        {
            proxy.Gate.Release();
        }
    }

    public async Task<ApiReply> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await proxies.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        return ApiReply.NoContent();
    }

    /// <summary>201 with the handled proxies; failures answer JSON (not text) with the proxies done so far.</summary>
    public async Task<ApiReply> PopulateAsync(byte[] body, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProxyInput> inputs;
        try
        {
            inputs = RequestDecoder.Populate(body);
            ValidatePopulate(inputs);
        }
        catch (ApiException e)
        {
            return ApiReply.Json(e.Status, ApiJson.Populate([], e));
        }
        var result = await proxies.PopulateAsync(inputs, cancellationToken).ConfigureAwait(false);
        var snapshots = result.Proxies.Select(p => p.Snapshot()).ToList();
        return ApiReply.Json(result.Error?.Status ?? 201, ApiJson.Populate(snapshots, result.Error));
    }

    public async Task<ApiReply> ResetAsync(CancellationToken cancellationToken)
    {
        await proxies.ResetAsync(cancellationToken).ConfigureAwait(false);
        return ApiReply.NoContent();
    }

    public static ApiReply Version() => new(200, "application/json;charset=utf-8", ApiJson.Version());

    /// <summary>Every entry is checked before anything changes; N in the message counts from 1.</summary>
    public static void ValidatePopulate(IReadOnlyList<ProxyInput> inputs)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Name.Length == 0)
            {
                throw ApiException.MissingField($"name at proxy {i + 1}");
            }
            if (inputs[i].Upstream.Length == 0)
            {
                throw ApiException.MissingField($"upstream at proxy {i + 1}");
            }
        }
    }

    private ManagedProxy Find(string name) => proxies.Find(name) ?? throw ApiException.ProxyNotFound();
}
