using System.Globalization;
using System.Text;
using Wiber.Lab.State;

namespace Wiber.Lab;

/// <summary>
/// Writes the nodes' <c>cluster.yaml</c> for a lab: real listeners on loopback, and every address another
/// party dials pointing at a proxy (clients at <c>&lt;id&gt;-client</c>, node a at the proxy
/// <c>a-to-b</c> for b, through <c>advertise.peer_from</c>). Clock skew is allowed, since the lab sets it.
/// The format is the node's public configuration (docs/configuration.md).
/// </summary>
public static class LabConfigWriter
{
    public static string Write(string clusterId, IReadOnlyList<LabNode> nodes, LabTimings timings, string fsync, LabAddressing? addressing = null)
    {
        addressing ??= LabAddressing.Process;
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(timings);
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by 'wiber lab up'. Peers and clients reach each node through the lab's Toxiproxy.");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"cluster_id: {clusterId}");
        yaml.AppendLine("nodes:");
        foreach (var node in nodes)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {node.Id}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    host: {addressing.NodeBind}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    client_port: {node.ClientPort}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    peer_port: {node.PeerPort}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    admin_port: {node.AdminPort}");
            yaml.AppendLine("    advertise:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      client: {node.Host}:{node.ClientProxyPort}");
            yaml.AppendLine("      peer_from:");
            foreach (var (dialer, port) in node.PeerProxyPorts.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"        {dialer}: {addressing.ProxyHostForPeers}:{port}");
            }
        }

        yaml.AppendLine("raft:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  tick: {timings.TickMs}ms");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  election_timeout: {timings.ElectionTimeoutMs}ms");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  heartbeat: {timings.HeartbeatMs}ms");
        yaml.AppendLine("storage:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  fsync: {fsync}");
        yaml.AppendLine("clock:");
        yaml.AppendLine("  allow_skew: true");
        yaml.AppendLine("admin:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  bind: {addressing.AdminBind}");
        return yaml.ToString();
    }
}

/// <summary>Raft timings of a lab: the node defaults, or faster ones for tests (<c>--fast</c>).</summary>
public sealed record LabTimings(int TickMs, int ElectionTimeoutMs, int HeartbeatMs)
{
    public static LabTimings Default { get; } = new(50, 500, 50);

    /// <summary>Elections in 300–600 ms: scenarios and tests get through more faults per minute.</summary>
    public static LabTimings Fast { get; } = new(50, 300, 50);
}
