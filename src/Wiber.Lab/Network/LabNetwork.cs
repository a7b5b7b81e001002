using System.Globalization;
using Wiber.Chaos.Client;
using Wiber.Lab.State;
using Wiber.Lab.Topology;

namespace Wiber.Lab.Network;

/// <summary>
/// The lab's links in Toxiproxy: creates the proxies, turns faults into toxics, and removes them again.
/// Works the same against the embedded proxy and a real <c>toxiproxy-server</c>.
/// </summary>
public sealed class LabNetwork(ToxiproxyClient proxy)
{
    /// <summary>Creates (or replaces) one client proxy per node and one proxy per directed node pair.</summary>
    public async Task CreateProxiesAsync(IReadOnlyList<LabNode> nodes, LabAddressing addressing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(addressing);
        var configs = new List<ProxyConfig>();
        foreach (var node in nodes)
        {
            configs.Add(new ProxyConfig(ProxyNames.Client(node.Id), Address(addressing.ProxyListenHost, node.ClientProxyPort), Address(addressing.UpstreamHost(node), node.ClientPort)));
            foreach (var (dialer, port) in node.PeerProxyPorts)
            {
                configs.Add(new ProxyConfig(ProxyNames.Peer(new Link(dialer, node.Id)), Address(addressing.ProxyListenHost, port), Address(addressing.UpstreamHost(node), node.PeerPort)));
            }
        }

        await proxy.PopulateAsync(configs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the lab's proxies (used with an external Toxiproxy that outlives the lab).</summary>
    public async Task DeleteProxiesAsync(IReadOnlyList<LabNode> nodes, CancellationToken cancellationToken)
    {
        var ids = nodes.Select(n => n.Id).ToList();
        var names = ids.Select(ProxyNames.Client).Concat(ProxyNames.AllLinks(ids).Select(ProxyNames.Peer)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in (await proxy.GetProxiesAsync(cancellationToken).ConfigureAwait(false)).Keys.Where(names.Contains))
        {
            await proxy.DeleteProxyAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds the toxics one after the other and returns those that took effect. On a failure the toxics
    /// already added are reported through <paramref name="applied"/> (so the caller can record them or roll
    /// them back) before the exception propagates.
    /// </summary>
    public async Task AddToxicsAsync(IReadOnlyList<(string Proxy, ToxicConfig Toxic)> toxics, List<LabToxic> applied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(toxics);
        ArgumentNullException.ThrowIfNull(applied);
        foreach (var (name, toxic) in toxics)
        {
            var added = await proxy.AddToxicAsync(name, toxic, cancellationToken).ConfigureAwait(false);
            applied.Add(new LabToxic(name, added.Name));
        }
    }

    /// <summary>Removes the given toxics; ones already gone are fine.</summary>
    public async Task RemoveToxicsAsync(IEnumerable<LabToxic> toxics, CancellationToken cancellationToken)
    {
        foreach (var toxic in toxics)
        {
            try
            {
                await proxy.RemoveToxicAsync(toxic.Proxy, toxic.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (ToxiproxyException ex) when (ex.StatusCode == 404)
            {
                // Already removed (by another tool, or a reset): the goal is reached.
            }
        }
    }

    /// <summary>Heal: removes every toxic on the lab's proxies and enables them all, whoever added the toxics.</summary>
    public async Task<int> HealAsync(IReadOnlyList<LabNode> nodes, CancellationToken cancellationToken)
    {
        var ids = nodes.Select(n => n.Id).ToList();
        var names = ids.Select(ProxyNames.Client).Concat(ProxyNames.AllLinks(ids).Select(ProxyNames.Peer)).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var (name, existing) in await proxy.GetProxiesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!names.Contains(name))
            {
                continue;
            }

            foreach (var toxic in existing.Toxics)
            {
                await RemoveToxicsAsync([new LabToxic(name, toxic.Name)], cancellationToken).ConfigureAwait(false);
                removed++;
            }

            if (!existing.Enabled)
            {
                await proxy.UpdateProxyAsync(name, new ProxyUpdate(Enabled: true), cancellationToken).ConfigureAwait(false);
            }
        }

        return removed;
    }

    /// <summary>The toxics that cut a directed link: both streams, so neither data nor keepalives pass.</summary>
    public static IEnumerable<(string Proxy, ToxicConfig Toxic)> Cut(Link link, string faultId, bool reset)
    {
        var name = ProxyNames.Peer(link);
        foreach (var stream in new[] { "upstream", "downstream" })
        {
            var type = reset ? "reset_peer" : "timeout";
            yield return (name, new ToxicConfig(type, $"{faultId}-{type}-{stream}", stream, 1f, new Dictionary<string, long> { ["timeout"] = 0 }));
        }
    }

    /// <summary>Latency (with jitter) and/or a bandwidth cap on the data a link carries to its target.</summary>
    public static IEnumerable<(string Proxy, ToxicConfig Toxic)> Slow(Link link, string faultId, TimeSpan? latency, TimeSpan? jitter, long? bandwidthKbps)
    {
        var name = ProxyNames.Peer(link);
        if (latency is { } l)
        {
            yield return (name, new ToxicConfig("latency", $"{faultId}-latency", "upstream", 1f, new Dictionary<string, long>
            {
                ["latency"] = (long)l.TotalMilliseconds,
                ["jitter"] = (long)(jitter ?? TimeSpan.Zero).TotalMilliseconds,
            }));
        }

        if (bandwidthKbps is { } rate)
        {
            yield return (name, new ToxicConfig("bandwidth", $"{faultId}-bandwidth", "upstream", 1f, new Dictionary<string, long> { ["rate"] = rate }));
        }
    }

    /// <summary>Flaky link: connections reset (<c>reset_peer</c>), cut into small slices (<c>slicer</c>) or closed after some bytes (<c>limit_data</c>), each with a probability.</summary>
    public static IEnumerable<(string Proxy, ToxicConfig Toxic)> Flaky(Link link, string faultId, string kind, float toxicity, long? bytes)
    {
        var name = ProxyNames.Peer(link);
        var (type, attributes) = kind switch
        {
            "reset" => ("reset_peer", new Dictionary<string, long> { ["timeout"] = 0 }),
            "slicer" => ("slicer", new Dictionary<string, long> { ["average_size"] = 64, ["size_variation"] = 32, ["delay"] = 1000 }),
            "limit" => ("limit_data", new Dictionary<string, long> { ["bytes"] = bytes ?? 65536 }),
            _ => throw new LabException(LabErrorKind.Usage, $"unknown flaky kind '{kind}': reset, slicer or limit"),
        };
        yield return (name, new ToxicConfig(type, $"{faultId}-{type}", "upstream", toxicity, attributes));
    }

    private static string Address(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
}
