using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Hosting;
using Wiber.Raft;

namespace Wiber.Broker.Transport;

/// <summary>
/// Carries Raft messages between the nodes of one cluster over TCP (docs/transport.md). Each peer gets one
/// outbound connection, kept open by a background loop with back-off, fed by a bounded queue; peers' connections
/// to us are accepted, checked and decoded into <see cref="Incoming"/>. Loss is tolerated everywhere (Raft
/// retries) so that nothing here ever blocks the Raft host or grows without bound.
/// </summary>
public sealed class PeerTransport : IRaftTransport, IAsyncDisposable
{
    private static readonly TimeSpan IncomingDropLogInterval = TimeSpan.FromSeconds(10);

    private readonly IPEndPoint _listenEndPoint;
    private readonly ILogger _logger;
    private readonly FrozenDictionary<ulong, OutboundPeer> _peers;
    private readonly Channel<Message> _incoming;
    private readonly Channel<PeerReport> _reports;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<InboundConnection, byte> _inbound = new();
    private readonly Dictionary<ulong, InboundConnection> _currentInbound = [];
    private readonly Lock _inboundGate = new();
    private Socket? _listener;
    private IPEndPoint? _localEndPoint;
    private Task _acceptLoop = Task.CompletedTask;
    private long _incomingDropped;
    private long _lastIncomingDropLog = long.MinValue;
    private long _refused;
    private long _protocolErrors;
    private long _droppedNoRoute;
    private int _state; // 0 new, 1 started, 2 disposed

    /// <param name="nodeId">This node's id, sent in every handshake.</param>
    /// <param name="clusterId">Connections from any other cluster are refused.</param>
    /// <param name="listenEndPoint">Where peers connect to us; port 0 picks a free one (see <see cref="LocalEndPoint"/>).</param>
    /// <param name="peers">Every other node and the address that reaches it (in the lab, a proxy). Only these may connect to us.</param>
    public PeerTransport(ulong nodeId, string clusterId, IPEndPoint listenEndPoint, IReadOnlyDictionary<ulong, EndPoint> peers, ILogger logger, PeerTransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(listenEndPoint);
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(logger);
        if (nodeId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeId), "node id 0 means nobody");
        }
        Handshake.Validate(clusterId);
        Options = options ?? new PeerTransportOptions();
        Options.Validate();
        NodeId = nodeId;
        ClusterId = clusterId;
        LocalIdentity = new Handshake(Handshake.CurrentVersion, clusterId, nodeId);
        _listenEndPoint = listenEndPoint;
        _logger = logger;
        _incoming = Channel.CreateBounded<Message>(new BoundedChannelOptions(Options.IncomingCapacity) { FullMode = BoundedChannelFullMode.Wait });
        // Reports are hints; if the host stops reading them, the oldest go first and memory stays bounded.
        _reports = Channel.CreateBounded<PeerReport>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _peers = peers
            .Where(p => p.Key != nodeId)
            .ToFrozenDictionary(
                p => p.Key,
                p => new OutboundPeer(p.Key, p.Value, LocalIdentity, Options, new PeerCounters(), logger, r => _reports.Writer.TryWrite(r)));
    }

    public ulong NodeId { get; }

    public string ClusterId { get; }

    public PeerTransportOptions Options { get; }

    /// <summary>The bound listen address (with the real port when 0 was asked for). Valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("not started");

    /// <summary>
    /// Messages from peers, already checked to be addressed to us by the peer that sent them. Bounded: when the
    /// host falls behind by <see cref="PeerTransportOptions.IncomingCapacity"/>, new messages are dropped after at
    /// most <see cref="PeerTransportOptions.IncomingFullWait"/> (counted in <see cref="TransportStatus.IncomingDropped"/>).
    /// </summary>
    public ChannelReader<Message> Incoming => _incoming.Reader;

    /// <summary>What the host should tell its Raft node: unreachable peers and snapshot outcomes.</summary>
    public ChannelReader<PeerReport> Reports => _reports.Reader;

    internal Handshake LocalIdentity { get; }

    /// <summary>"host:port" (IPv4, [IPv6] or a DNS name) → an endpoint for the peer map.</summary>
    public static EndPoint ParseEndPoint(string hostAndPort) => SocketSetup.ParseEndPoint(hostAndPort);

    /// <summary>Binds the listener (throws if the port is taken) and starts connecting to every peer.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("already started or disposed");
        }
        var listener = new Socket(_listenEndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A restarted node must get its port back even while old connections linger in TIME_WAIT.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(_listenEndPoint);
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _localEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _logger.LogInformation("node {Node} of cluster {Cluster} listening for peers on {EndPoint}", NodeId, ClusterId, _localEndPoint);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _stop.Token));
        foreach (var peer in _peers.Values)
        {
            peer.Start();
        }
    }

    /// <summary>
    /// Queues <paramref name="message"/> for <c>message.To</c>; never blocks, never throws for a network reason.
    /// If the peer's queue is full the message is dropped, counted, and the peer reported unreachable.
    /// </summary>
    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _state) == 2)
        {
            return;
        }
        if (!_peers.TryGetValue(message.To, out var peer))
        {
            Interlocked.Increment(ref _droppedNoRoute);
            _logger.LogDebug("no route to node {To}; dropped {Type}", message.To, message.Type);
            return;
        }
        peer.Send(message);
    }

    public TransportStatus GetStatus() => new(
        [.. _peers.Values.OrderBy(p => p.Id).Select(p => new PeerStatus(
            p.Id, p.EndPointText, p.Counters.Connected,
            p.Counters.MessagesSent, p.Counters.BytesSent, p.Counters.MessagesReceived, p.Counters.BytesReceived,
            p.Counters.DroppedQueueFull, p.Counters.DroppedTooLarge, p.Counters.Reconnects,
            p.Queue.Count, p.Queue.Bytes))],
        Interlocked.Read(ref _incomingDropped),
        Interlocked.Read(ref _refused),
        Interlocked.Read(ref _protocolErrors),
        Interlocked.Read(ref _droppedNoRoute));

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // E.g. out of file descriptors: pause rather than spin, and keep listening.
                _logger.LogWarning("accepting a peer connection failed: {Reason}", ex.Message);
                try
                {
                    await Task.Delay(Options.BackoffMin, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            try
            {
                SocketSetup.Configure(socket);
            }
            catch (SocketException)
            {
                socket.Dispose(); // reset before we could even configure it
                continue;
            }
            var connection = new InboundConnection(socket, this, _logger, cancellationToken);
            _inbound.TryAdd(connection, 0);
            connection.Start();
        }
    }

    internal bool IsPeer(ulong id) => _peers.ContainsKey(id);

    internal PeerCounters? CountersFor(ulong id) => _peers.TryGetValue(id, out var peer) ? peer.Counters : null;

    /// <summary>One inbound connection per peer: a newer one means the older is dead or about to be (half-open).</summary>
    internal void AttachInbound(InboundConnection connection)
    {
        lock (_inboundGate)
        {
            if (_currentInbound.TryGetValue(connection.PeerId, out var older))
            {
                older.Close();
            }
            _currentInbound[connection.PeerId] = connection;
        }
    }

    internal void DetachInbound(InboundConnection connection)
    {
        lock (_inboundGate)
        {
            if (_currentInbound.TryGetValue(connection.PeerId, out var current) && current == connection)
            {
                _currentInbound.Remove(connection.PeerId);
            }
        }
    }

    internal void Forget(InboundConnection connection) => _inbound.TryRemove(connection, out _);

    internal void CountRefused() => Interlocked.Increment(ref _refused);

    internal void CountProtocolError() => Interlocked.Increment(ref _protocolErrors);

    /// <summary>
    /// Hands a message to the host. A full channel gets a short grace period, then the message is dropped: Raft
    /// tolerates loss, whereas blocking would stall this socket and, through TCP back-pressure, the sender.
    /// </summary>
    internal async ValueTask DeliverAsync(Message message, CancellationToken cancellationToken)
    {
        if (_incoming.Writer.TryWrite(message))
        {
            return;
        }
        if (Options.IncomingFullWait > TimeSpan.Zero)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(Options.IncomingFullWait);
            try
            {
                await _incoming.Writer.WriteAsync(message, wait.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still full after the grace period: drop below.
            }
            catch (ChannelClosedException)
            {
                return;
            }
        }
        var dropped = Interlocked.Increment(ref _incomingDropped);
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastIncomingDropLog);
        if ((last == long.MinValue || Stopwatch.GetElapsedTime(last, now) > IncomingDropLogInterval)
            && Interlocked.CompareExchange(ref _lastIncomingDropLog, now, last) == last)
        {
            _logger.LogWarning("incoming queue full ({Capacity} messages): dropping peer messages, {Dropped} so far", Options.IncomingCapacity, dropped);
        }
    }

    /// <summary>Stops accepting, closes every connection and waits for all background work; idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_peers.Values.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        foreach (var connection in _inbound.Keys)
        {
            connection.Close();
        }
        await Task.WhenAll(_inbound.Keys.Select(c => c.Completion)).ConfigureAwait(false);
        _incoming.Writer.TryComplete();
        _reports.Writer.TryComplete();
        _stop.Dispose();
    }
}
