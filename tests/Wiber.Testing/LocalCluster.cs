using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Wiber.Broker.Configuration;
using Wiber.Broker.Node;
using Wiber.Raft;

namespace Wiber.Testing;

/// <summary>
/// Three real broker nodes in this process on loopback: real sockets, real durable storage, real Raft
/// timing (fast timeouts). Nodes can be stopped and started again from their data directories.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wiber-nodes-" + Guid.NewGuid().ToString("N"));
    private readonly string _yaml;
    private readonly BrokerNode?[] _nodes;

    public LocalCluster(int size = 3, int snapshotEvery = 10_000, int subscriberBuffer = 1024, int maxConnections = 1024, int maxSubscriptions = 64)
    {
        var ports = FreePorts(size * 3);
        var nodes = string.Join("\n", Enumerable.Range(0, size).Select(i =>
            $"  - id: n{i + 1}\n    client_port: {ports[i * 3]}\n    peer_port: {ports[i * 3 + 1]}\n    admin_port: {ports[i * 3 + 2]}"));
        _yaml = $"""
            cluster_id: test
            nodes:
            {nodes}
            raft:
              tick: 20ms
              election_timeout: 300ms
              heartbeat: 20ms
              snapshot_every: {snapshotEvery}
            limits:
              subscriber_buffer: {subscriberBuffer}
              max_connections: {maxConnections}
              max_subscriptions_per_connection: {maxSubscriptions}
              max_line_bytes: 4KiB
            """;
        ClientPorts = Enumerable.Range(0, size).Select(i => ports[i * 3]).ToArray();
        AdminPorts = Enumerable.Range(0, size).Select(i => ports[i * 3 + 2]).ToArray();
        _nodes = new BrokerNode?[size];
    }

    public int[] ClientPorts { get; }

    public int[] AdminPorts { get; }

    public async Task StartAllAsync()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            await StartAsync(i).ConfigureAwait(false);
        }
    }

    public async Task StartAsync(int index)
    {
        var path = Path.Combine(_root, "cluster.yaml");
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(path, _yaml).ConfigureAwait(false);
        var options = NodeOptions.Resolve(["--id", $"n{index + 1}", "--config", path, "--data-root", Path.Combine(_root, "data")], new Dictionary<string, string>());
        if (!options.IsValid)
        {
            throw new InvalidOperationException("test cluster configuration is invalid: " + string.Join("; ", options.Errors));
        }
        _nodes[index] = await BrokerNode.StartAsync(options.Value!, NullLoggerFactory.Instance, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task StopAsync(int index)
    {
        if (_nodes[index] is { } node)
        {
            _nodes[index] = null;
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    public bool IsRunning(int index) => _nodes[index] is not null;

    /// <summary>Index of the single leader among running nodes, waiting for one to emerge.</summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var leaders = Enumerable.Range(0, _nodes.Length)
                .Where(i => _nodes[i]?.Host.Status.Raft.Role == StateRole.Leader).ToArray();
            var followersAgree = leaders.Length == 1 && Enumerable.Range(0, _nodes.Length)
                .All(i => _nodes[i] is null || _nodes[i]!.Host.Status.Raft.Leader == _nodes[leaders[0]]!.Host.Id);
            if (followersAgree)
            {
                return leaders[0];
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
        throw new TimeoutException("no leader that every running node agrees on within " + timeout);
    }


    /// <summary>Client addresses of all nodes, as <c>127.0.0.1:port</c>.</summary>
    public IReadOnlyList<string> Servers => [.. ClientPorts.Select(p => $"127.0.0.1:{p}")];

    public string Server(int index) => $"127.0.0.1:{ClientPorts[index]}";

    public async Task<LineClient> ConnectAsync(int index) => await LineClient.ConnectAsync(ClientPorts[index]).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            await StopAsync(i).ConfigureAwait(false);
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToArray();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
        {
            l.Stop();
        }
        return ports;
    }

    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
