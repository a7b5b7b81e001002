using Microsoft.Extensions.Logging;

namespace Wiber.Chaos.Server.Proxies;

/// <summary>A proxy definition as /populate and POST /proxies take it.</summary>
internal sealed record ProxyInput(string Name, string Listen, string Upstream, bool Enabled);

/// <summary>What /populate did before it stopped: the proxies handled, in request order, and the failure if any.</summary>
internal sealed record PopulateResult(IReadOnlyList<ManagedProxy> Proxies, ApiException? Error);

/// <summary>
/// The named proxies. Changes to the set (create, delete, populate, reset) are serialised by one gate; work
/// on a single proxy takes that proxy's own gate, so a slow toxic removal on one proxy does not stall others.
/// </summary>
internal sealed class ProxyCollection(ILoggerFactory loggers)
{
    private readonly SemaphoreSlim _structure = new(1, 1);
    private readonly Dictionary<string, ManagedProxy> _proxies = new(StringComparer.Ordinal);

    public ManagedProxy? Find(string name)
    {
        lock (_proxies)
        {
            return _proxies.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<ManagedProxy> All()
    {
        lock (_proxies)
        {
            return [.. _proxies.Values];
        }
    }

    /// <summary>Creates and, when enabled, binds a proxy; a bind failure leaves nothing behind.</summary>
    public async Task<ManagedProxy> CreateAsync(ProxyInput input, CancellationToken cancellationToken)
    {
        await _structure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(input.Name) is not null)
            {
                throw ApiException.ProxyAlreadyExists();
            }
            var proxy = NewProxy(input);
            if (input.Enabled)
            {
                await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            Put(proxy);
            return proxy;
        }
        finally
        {
            _structure.Release();
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _structure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var proxy = Find(name) ?? throw ApiException.ProxyNotFound();
            await Retire(proxy, cancellationToken).ConfigureAwait(false);
            lock (_proxies)
            {
                _proxies.Remove(name);
            }
        }
        finally
        {
            _structure.Release();
        }
    }

    /// <summary>
    /// Toxiproxy's /populate, entries in order: an unchanged existing proxy (same resolved listen and upstream)
    /// is kept as it is, toxics, connections and enabled state included; anything else replaces the proxy of
    /// that name with a fresh one. Stops at the first failure, keeping what was done.
    /// </summary>
    public async Task<PopulateResult> PopulateAsync(IReadOnlyList<ProxyInput> inputs, CancellationToken cancellationToken)
    {
        await _structure.WaitAsync(cancellationToken).ConfigureAwait(false);
        var handled = new List<ManagedProxy>();
        try
        {
            foreach (var input in inputs)
            {
                handled.Add(await ApplyAsync(input, cancellationToken).ConfigureAwait(false));
            }
            return new PopulateResult(handled, null);
        }
        catch (ApiException e)
        {
            return new PopulateResult(handled, e);
        }
        finally
        {
            _structure.Release();
        }
    }

    /// <summary>Enables every proxy and removes every toxic; a bind failure stops the loop with a 500.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _structure.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var proxy in All())
            {
                await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
                    await proxy.RemoveAllToxicsAsync().ConfigureAwait(false);
                }
                finally
                {
                    proxy.Gate.Release();
                }
            }
        }
        finally
        {
            _structure.Release();
        }
    }

    /// <summary>Stops every proxy (server shutdown); the definitions stay.</summary>
    public async Task StopAllAsync()
    {
        foreach (var proxy in All())
        {
            await proxy.Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await proxy.StopAsync().ConfigureAwait(false);
            }
            finally
            {
                proxy.Gate.Release();
            }
        }
    }

    private async Task<ManagedProxy> ApplyAsync(ProxyInput input, CancellationToken cancellationToken)
    {
        var existing = Find(input.Name);
        if (existing is not null)
        {
            var (resolved, error) = await GoAddress.ResolveAsync(input.Listen, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                throw new ApiException(500, error);
            }
            if (!existing.Differs(resolved.ToString(), input.Upstream))
            {
                return existing;
            }
            await existing.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await existing.StopAsync().ConfigureAwait(false);
            }
            finally
            {
                existing.Gate.Release();
            }
        }
        var proxy = NewProxy(input);
        if (input.Enabled)
        {
            // On failure the old proxy stays, stopped, with its toxics: upstream's behaviour.
            await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        if (existing is not null)
        {
            await Retire(existing, cancellationToken).ConfigureAwait(false);
        }
        Put(proxy);
        return proxy;
    }

    private static async Task Retire(ManagedProxy proxy, CancellationToken cancellationToken)
    {
        await proxy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            proxy.Removed = true;
            await proxy.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            proxy.Gate.Release();
        }
    }

    private ManagedProxy NewProxy(ProxyInput input) =>
        new(input.Name, input.Listen, input.Upstream, loggers.CreateLogger("Wiber.Chaos.Proxy"));

    private void Put(ManagedProxy proxy)
    {
        lock (_proxies)
        {
            _proxies[proxy.Name] = proxy;
        }
    }
}
