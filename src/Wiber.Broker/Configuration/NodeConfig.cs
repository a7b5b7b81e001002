namespace Wiber.Broker.Configuration;

/// <summary>One entry of <c>nodes</c>: where a node listens and where others should reach it.</summary>
public sealed record NodeConfig
{
    /// <summary>The human id (<c>n1</c>): lower-case letters, digits and '-'.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The numeric Raft id: the 1-based position in <c>nodes</c>. Reordering the list would change
    /// every node's identity in existing logs, so the list must only ever be appended to.
    /// </summary>
    public required ulong RaftId { get; init; }

    /// <summary>The address the client and peer listeners bind to.</summary>
    public string Host { get; init; } = NodeDefaults.Host;

    public required int ClientPort { get; init; }

    public required int PeerPort { get; init; }

    public required int AdminPort { get; init; }

    /// <summary>What clients are told to use (e.g. in <c>ERR NOT_LEADER</c>), when it differs from the listener (a proxy).</summary>
    public HostPort? AdvertiseClient { get; init; }

    /// <summary>What other nodes dial to reach this one, when it differs from the listener (a proxy).</summary>
    public HostPort? AdvertisePeer { get; init; }

    /// <summary>
    /// Per-dialer peer addresses, keyed by the dialing node's id. Toxiproxy needs one proxy per
    /// directed pair for one-way partitions, so n1 and n3 may have to reach n2 at different addresses.
    /// </summary>
    public IReadOnlyDictionary<string, HostPort> AdvertisePeerFrom { get; init; } = new Dictionary<string, HostPort>();

    public HostPort ClientListen => new(Host, ClientPort);

    public HostPort PeerListen => new(Host, PeerPort);

    /// <summary>The address given to clients: the advertised one if set, else the listener.</summary>
    public HostPort ClientAddress => AdvertiseClient ?? ClientListen;

    /// <summary>The address node <paramref name="dialerId"/> dials to reach this node.</summary>
    public HostPort PeerAddressFor(string dialerId) =>
        AdvertisePeerFrom.TryGetValue(dialerId, out var viaProxy) ? viaProxy : AdvertisePeer ?? PeerListen;
}

/// <summary>Defaults of node entries.</summary>
public static class NodeDefaults
{
    public const string Host = "127.0.0.1";
}
