namespace Wiber.Lab.State;

/// <summary>
/// Everything a lab is, as saved in <c>&lt;lab dir&gt;/lab.json</c>: any process (the CLI, a PowerShell
/// session, a test) can pick the lab up from there. Field names are a contract (docs/lab.md).
/// </summary>
public sealed record LabState
{
    /// <summary>The layout version this build writes and reads; a lab made by another version is refused, not guessed at.</summary>
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    public required string LabId { get; init; }

    /// <summary><c>process</c> (the default) or <c>docker</c>.</summary>
    public required string Backend { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required LabProxy Proxy { get; init; }

    public required IReadOnlyList<LabNode> Nodes { get; init; }

    /// <summary>Network faults in force, in the order they were applied; <c>heal</c> empties it.</summary>
    public IReadOnlyList<LabFault> Faults { get; init; } = [];

    public LabNode Node(string id) => Nodes.FirstOrDefault(n => n.Id == id)
        ?? throw new LabException(LabErrorKind.UnknownNode, $"unknown node '{id}'; this lab has {string.Join(", ", Nodes.Select(n => n.Id))}");

    public LabState With(LabNode node) => this with { Nodes = [.. Nodes.Select(n => n.Id == node.Id ? node : n)] };

    /// <summary>The addresses clients use: every node's client proxy.</summary>
    public IReadOnlyList<string> ClientServers => [.. Nodes.Select(n => $"{n.Host}:{n.ClientProxyPort}")];
}

/// <summary>The Toxiproxy server the lab's links run through.</summary>
/// <param name="Url">Its HTTP API.</param>
/// <param name="Pid">The embedded proxy's process (null for an external <c>toxiproxy-server</c>).</param>
/// <param name="ProcessStartedAt">With <paramref name="Pid"/>: tells our process from a later one that reused the pid.</param>
/// <param name="Container">The proxy's container (Docker backend).</param>
public sealed record LabProxy(string Url, int? Pid, DateTimeOffset? ProcessStartedAt, string? Container = null);

/// <summary>One node: its real ports, the proxies in front of it, and its process.</summary>
public sealed record LabNode
{
    public required string Id { get; init; }

    public required string Host { get; init; }

    public required int ClientPort { get; init; }

    public required int PeerPort { get; init; }

    public required int AdminPort { get; init; }

    /// <summary>Where clients reach this node (through the proxy <c>&lt;id&gt;-client</c>).</summary>
    public required int ClientProxyPort { get; init; }

    /// <summary>Per dialer id: the port of the proxy <c>&lt;dialer&gt;-to-&lt;id&gt;</c> that carries the dialer's Raft traffic to this node.</summary>
    public required IReadOnlyDictionary<string, int> PeerProxyPorts { get; init; }

    public required string DataDirectory { get; init; }

    public int? Pid { get; init; }

    public DateTimeOffset? ProcessStartedAt { get; init; }

    /// <summary>The node's container (Docker backend); null for processes.</summary>
    public string? Container { get; init; }

    /// <summary>What the lab last did to it: <c>running</c>, <c>paused</c>, <c>stopped</c>, <c>killed</c>.</summary>
    public required string State { get; init; }

    /// <summary>The clock skew set on the node's admin endpoint, in milliseconds (0 = none).</summary>
    public long ClockSkewMs { get; init; }
}

/// <summary>A network fault in force: what was asked, the nodes it targets, and the toxics it added (so heal and status know them).</summary>
public sealed record LabFault(string Kind, string Description, DateTimeOffset At, IReadOnlyList<string> Nodes, IReadOnlyList<LabToxic> Toxics);

/// <summary>One toxic the lab added to one proxy.</summary>
public sealed record LabToxic(string Proxy, string Name);
