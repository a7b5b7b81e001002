using System.Net;
using Microsoft.Extensions.Logging;
using Wiber.Broker.Admin;
using Wiber.Broker.Configuration;
using Wiber.Broker.Hosting;
using Wiber.Broker.Protocol;
using Wiber.Broker.StateMachine;
using Wiber.Broker.Time;
using Wiber.Broker.Transport;
using Wiber.Storage;

namespace Wiber.Broker.Node;

/// <summary>
/// One running broker node: durable storage, the Raft host, the peer transport, the client port, the admin
/// port and clock-offset probing, wired together from the resolved configuration. Split: this file starts and
/// stops; <c>BrokerNode.Status.cs</c> builds status and metrics; <c>BrokerNode.Time.cs</c> probes peers' clocks.
/// </summary>
public sealed partial class BrokerNode : IAsyncDisposable
{
    private readonly NodeOptions _options;
    private readonly ILogger _logger;
    private readonly DurableRaftStorage _storage;
    private readonly SkewableClock _wallClock;
    private readonly RaftHost _host;
    private readonly PeerTransport _transport;
    private readonly BrokerContext _context;
    private readonly ClientServer _clients;
    private readonly Dictionary<ulong, ClockOffsetEstimator> _clockEstimators = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private AdminServer? _admin;

    private BrokerNode(NodeOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger<BrokerNode>();
        _storage = DurableRaftStorage.Open(options.ToStorageOptions());
        try
        {
            _wallClock = new SkewableClock(SystemClock.Instance, options.Cluster.Clock.AllowSkew);
            var signals = new TopicSignals();
            var machine = new BrokerStateMachine(new BrokerStateOptions
            {
                Dedup = new DedupWindow(options.Cluster.Dedup.WindowIds, (long)options.Cluster.Dedup.Window.TotalMilliseconds),
            }, signals);
            var peers = options.Peers.ToDictionary(p => p.RaftId, p => PeerTransport.ParseEndPoint(p.PeerAddressFor(options.Self.Id).ToString()));
            _transport = new PeerTransport(options.Self.RaftId, options.Cluster.ClusterId,
                ToEndPoint(options.Self.PeerListen), peers, loggerFactory.CreateLogger<PeerTransport>());
            var limits = options.Cluster.Limits;
            var sessionLimits = new SessionLimits
            {
                Protocol = ProtocolLimits.Default with { MaxLineBytes = limits.MaxLineBytes, MaxPayloadBytes = limits.MaxPayloadBytes },
                MaxConnections = limits.MaxConnections,
                MaxSubscriptionsPerConnection = limits.MaxSubscriptionsPerConnection,
                SubscriberBuffer = limits.SubscriberBuffer,
            };
            _host = new RaftHost(new RaftHostOptions
            {
                ProposalTimeout = sessionLimits.PublishTimeout,
                Raft = options.ToRaftConfig(),
                TickInterval = options.Cluster.Raft.Tick,
                SnapshotEvery = (ulong)options.Cluster.Raft.SnapshotEvery,
                // Keep some entries behind each snapshot so a briefly lagging follower needs none.
                SnapshotKeepEntries = (ulong)Math.Min(1000, options.Cluster.Raft.SnapshotEvery / 2),
            }, _storage, machine, _transport, loggerFactory.CreateLogger<RaftHost>());
            _context = new BrokerContext
            {
                Host = _host,
                Machine = machine,
                Signals = signals,
                Clock = new HybridLogicalClock(_wallClock),
                WallClock = _wallClock,
                Limits = sessionLimits,
                ClientAddressOf = id => options.Cluster.FindNode(id)?.ClientAddress.ToString(),
                Status = BuildStatus,
                LoggerFactory = loggerFactory,
            };
            _clients = new ClientServer(ToEndPoint(options.Self.ClientListen), _context);
            foreach (var peer in options.Peers)
            {
                _clockEstimators[peer.RaftId] = new ClockOffsetEstimator(_wallClock);
            }
        }
        catch
        {
            _storage.Dispose();
            throw;
        }
    }

    public IPEndPoint ClientEndPoint => _clients.LocalEndPoint;

    public RaftHost Host => _host;

    /// <summary>Set when the Raft host stopped on an error (storage failure): the process must exit non-zero.</summary>
    public Task Failed => _failed.Task;

    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<BrokerNode> StartAsync(NodeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = new BrokerNode(options, loggerFactory);
        try
        {
            await node.StartPartsAsync(loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return node;
    }

    private async Task StartPartsAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _transport.Start();
        _host.Start();
        _background.Add(Task.Run(() => PumpIncomingAsync(_stop.Token)));
        _background.Add(Task.Run(() => PumpReportsAsync(_stop.Token)));
        _background.Add(Task.Run(() => WatchHostAsync(_stop.Token)));
        _clients.Start();
        var admin = _options.Cluster.AdminListen(_options.Self);
        _admin = await AdminServer.StartAsync(IPAddress.Parse(admin.Host), admin.Port, new AdminSources
        {
            Status = BuildStatus,
            Metrics = BuildMetrics,
            Ready = () => IsReady,
            ClockNowMs = () => _wallClock.UtcNowMs,
            SetClockSkew = _wallClock.AllowSkew ? ms => _wallClock.SetOffset(TimeSpan.FromMilliseconds(ms)) : null,
        }, loggerFactory, cancellationToken).ConfigureAwait(false);
        _background.Add(Task.Run(() => ProbeClocksAsync(_stop.Token)));
        _logger.LogInformation("node {Id} up: clients {Client}, peers {Peer}, admin {Admin}, data {Data}, fsync {Fsync}",
            _options.Self.Id, _options.Self.ClientListen, _options.Self.PeerListen, admin, _storage.Directory, _storage.FsyncPolicy.Describe());
    }

    private async Task PumpIncomingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _transport.Incoming.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _host.Receive(message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PumpReportsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var report in _transport.Reports.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (report.Kind)
                {
                    case PeerReportKind.Unreachable:
                        _host.ReportUnreachable(report.Peer);
                        break;
                    case PeerReportKind.SnapshotSent:
                        _host.ReportSnapshot(report.Peer, true);
                        break;
                    case PeerReportKind.SnapshotFailed:
                        _host.ReportSnapshot(report.Peer, false);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchHostAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                if (_host.Failure is { } failure)
                {
                    _failed.TrySetException(failure);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static IPEndPoint ToEndPoint(HostPort address) =>
        new(IPAddress.TryParse(address.Host, out var ip) ? ip : Dns.GetHostAddresses(address.Host)[0], address.Port);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _clients.DisposeAsync().ConfigureAwait(false);
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
        await _host.DisposeAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_background).ConfigureAwait(false);
        _storage.Dispose();
        _stop.Dispose();
    }
}
