using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Wiber.Broker.Transport;
using Wiber.Raft;

namespace Wiber.Broker.Tests.Transport;

/// <summary>A few transports on loopback, each on its own ephemeral port, wired to each other; disposes all it started.</summary>
internal sealed class TestNodes : IAsyncDisposable
{
    public const string Cluster = "test-cluster";

    private readonly Dictionary<ulong, PeerTransport> _running = [];

    private TestNodes(IReadOnlyList<ulong> ids, PeerTransportOptions options)
    {
        Options = options;
        Ports = ids.ToDictionary(id => id, _ => FreePort());
    }

    /// <summary>Short timeouts so failure tests finish quickly; big queues so ordering tests never drop.</summary>
    public static PeerTransportOptions FastOptions { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        HandshakeTimeout = TimeSpan.FromSeconds(1),
        BackoffMin = TimeSpan.FromMilliseconds(10),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        KeepaliveInterval = TimeSpan.FromMilliseconds(50),
        IdleTimeout = TimeSpan.FromSeconds(2),
        SendQueueMessages = 1_000_000,
        SendQueueBytes = 1L << 30,
        IncomingCapacity = 1_000_000,
    };

    public PeerTransportOptions Options { get; }

    public Dictionary<ulong, int> Ports { get; }

    public Dictionary<ulong, CollectingLogger> Logs { get; } = [];

    /// <summary>Where each node dials each peer; tests may point a link at a proxy instead.</summary>
    public Dictionary<ulong, EndPoint> Routes(ulong from) =>
        Ports.Where(p => p.Key != from).ToDictionary(p => p.Key, p => (EndPoint)new IPEndPoint(IPAddress.Loopback, p.Value));

    public PeerTransport this[ulong id] => _running[id];

    public static TestNodes Create(int count, PeerTransportOptions? options = null) =>
        new([.. Enumerable.Range(1, count).Select(i => (ulong)i)], options ?? FastOptions);

    public PeerTransport Start(ulong id, Dictionary<ulong, EndPoint>? routes = null, string cluster = Cluster)
    {
        var logger = new CollectingLogger($"[node {id}] ");
        Logs[id] = logger;
        var transport = new PeerTransport(id, cluster, new IPEndPoint(IPAddress.Loopback, Ports[id]), routes ?? Routes(id), logger, Options);
        transport.Start();
        _running[id] = transport;
        return transport;
    }

    public TestNodes StartAll()
    {
        foreach (var id in Ports.Keys)
        {
            Start(id);
        }
        return this;
    }

    public async Task StopAsync(ulong id)
    {
        await _running[id].DisposeAsync();
        _running.Remove(id);
    }

    public PeerStatus Link(ulong from, ulong to) => _running[from].GetStatus().Peers.Single(p => p.PeerId == to);

    public Task AllConnected() => Eventually.True(
        () => _running.Values.All(t => t.GetStatus().Peers.All(p => p.Connected)),
        "every link connected");

    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Reads exactly <paramref name="count"/> messages or fails with how many came.</summary>
    public static async Task<List<Message>> ReceiveAsync(ChannelReader<Message> reader, int count, TimeSpan? timeout = null)
    {
        var received = new List<Message>(count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? Eventually.DefaultTimeout);
        try
        {
            while (received.Count < count)
            {
                received.Add(await reader.ReadAsync(deadline.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"received {received.Count} of {count} messages before the deadline");
        }
        return received;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in _running.Values)
        {
            await transport.DisposeAsync();
        }
        _running.Clear();
    }
}
