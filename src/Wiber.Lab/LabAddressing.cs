namespace Wiber.Lab;

/// <summary>
/// Who dials whom at which address, per backend. With processes everything is on 127.0.0.1. With Docker
/// the nodes and the proxy are containers on one user network: nodes bind every interface, the proxy
/// reaches a node by its container name and nodes reach the proxy by its name, while the lab and clients
/// on the host use the ports published on 127.0.0.1 (so <see cref="State.LabNode.Host"/> stays 127.0.0.1).
/// </summary>
public sealed record LabAddressing(string NodeBind, string AdminBind, string ProxyListenHost, string ProxyHostForPeers, bool UpstreamByNodeName)
{
    public const string DockerProxyName = "wiber-proxy";

    public static LabAddressing Process { get; } = new("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", UpstreamByNodeName: false);

    public static LabAddressing Docker { get; } = new("0.0.0.0", "0.0.0.0", "0.0.0.0", DockerProxyName, UpstreamByNodeName: true);

    public static LabAddressing For(string backend) => backend == "docker" ? Docker : Process;

    /// <summary>Where the proxy sends a node's traffic: the node's container name, or loopback.</summary>
    public string UpstreamHost(State.LabNode node) => UpstreamByNodeName ? node.Id : node.Host;
}
