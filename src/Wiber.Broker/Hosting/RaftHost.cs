using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wiber.Raft;
using Wiber.Storage;

namespace Wiber.Broker.Hosting;

/// <summary>
/// Drives one <see cref="RaftNode"/> with durable storage: a single loop owns the node, takes ticks, peer
/// messages and proposals from one queue, and for each Ready writes, sends, applies and advances without
/// waiting for the disk; a background fsync (one covers everything written meanwhile: group commit)
/// reports durability back through the queue. Split by concern: this file holds the loop and the public
/// surface; <c>RaftHost.Ready.cs</c> the Ready handling; <c>RaftHost.Durability.cs</c> the fsync pump.
/// </summary>
public sealed partial class RaftHost : IAsyncDisposable
{
    private readonly RaftHostOptions _options;
    private readonly DurableRaftStorage _storage;
    private readonly IReplicatedStateMachine _stateMachine;
    private readonly IRaftTransport _transport;
    private readonly ILogger _logger;
    private readonly RaftNode _node;
    private readonly Channel<HostWork> _input;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<ulong, HostWork.Proposal> _pendingProposals = [];
    private readonly ProposalAnswers _answers = new();
    // Accepted proposals in append order, for expiring the old ones without a timer each.
    private readonly Queue<(ulong Index, HostWork.Proposal Proposal)> _proposalAges = new();
    private readonly Dictionary<ulong, HostWork.Read> _pendingReadRequests = [];
    private readonly List<(ulong Index, HostWork.Read Read)> _readsWaitingForApply = [];
    private Task? _loop;
    private Task? _ticker;
    private Task? _syncPump;
    private ulong _nextReadId;
    private HardState _persistedHardState;
    private long _bytesAppliedSinceSnapshot;
    private long _lastSnapshotBytes;
    private bool _snapshotInProgress;
    private volatile HostStatus _status;

    public RaftHost(RaftHostOptions options, DurableRaftStorage storage, IReplicatedStateMachine stateMachine, IRaftTransport transport, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _options = options;
        _storage = storage;
        _stateMachine = stateMachine;
        _transport = transport;
        _logger = logger;
        _input = Channel.CreateBounded<HostWork>(new BoundedChannelOptions(options.InputQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

        var snapshot = storage.GetSnapshot();
        if (!snapshot.IsEmpty)
        {
            stateMachine.RestoreSnapshot(snapshot.Data);
        }
        _persistedHardState = storage.HardState;
        // The node counts its own entries toward a quorum only once the fsync pump reports them durable.
        _node = new RaftNode(options.Raft with { AsyncStorageWrites = true }, storage);
        _status = new HostStatus(_node.Status(), storage.FsyncPolicy.ToString(), storage.DurableIndex, DateTimeOffset.UtcNow);
    }

    public ulong Id => _options.Raft.Id;

    public HostMetrics Metrics { get; } = new();

    /// <summary>The latest view of the node, never older than one loop round.</summary>
    public HostStatus Status => _status;

    public void Start()
    {
        _loop = Task.Run(() => RunLoopAsync(_stop.Token));
        _ticker = Task.Run(() => RunTickerAsync(_stop.Token));
        _syncPump = Task.Run(() => RunSyncPumpAsync(_stop.Token));
    }

    /// <summary>A message from a peer. Dropped when the host is saturated: Raft retries.</summary>
    public void Receive(Message message) => _input.Writer.TryWrite(new HostWork.Inbound(message));

    /// <summary>The transport could not deliver to <paramref name="peer"/>: stop pipelining to it.</summary>
    public void ReportUnreachable(ulong peer) => _input.Writer.TryWrite(new HostWork.PeerReport(peer, true, false));

    /// <summary>The transport finished sending a snapshot to <paramref name="peer"/> (or failed to).</summary>
    public void ReportSnapshot(ulong peer, bool succeeded) => _input.Writer.TryWrite(new HostWork.PeerReport(peer, false, succeeded));

    /// <summary>Proposes a command; completes when it is committed and applied, or known not to be.</summary>
    public async Task<ProposalOutcome> ProposeAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken = default)
    {
        var completion = ProposalAnswers.NewCompletion();
        await _input.Writer.WriteAsync(new HostWork.Proposal(command, completion, Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false);
        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Confirms leadership with a quorum and waits until the confirmed commit index is applied.</summary>
    public async Task<ReadOutcome> ReadIndexAsync(CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<ReadOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _input.Writer.WriteAsync(new HostWork.Read(completion), cancellationToken).ConfigureAwait(false);
        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TransferLeadershipAsync(ulong target, CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _input.Writer.WriteAsync(new HostWork.TransferLeadership(target, completion), cancellationToken).ConfigureAwait(false);
        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunTickerAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                // A tick that cannot be queued is skipped: time is approximate in Raft, liveness only.
                _input.Writer.TryWrite(HostWork.Tick.Instance);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _input.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Take everything queued: every proposal in this batch shares the next fsync.
                var taken = 0;
                while (taken++ < 8192 && reader.TryRead(out var work))
                {
                    Handle(work);
                }
                if (_syncFailure is { } syncFailure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(syncFailure);
                }
                while (_node.HasReady)
                {
                    HandleReady();
                }
                _answers.Dispatch();
                _status = new HostStatus(_node.Status(), _storage.FsyncPolicy.ToString(), _storage.DurableIndex, DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The loop must report why it died rather than vanish silently.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Storage failures (full disk, corruption) stop the node rather than let it run wrong.
            _logger.LogCritical(ex, "raft host loop stopped: {Reason}", ex.Message);
            Failure = ex;
        }
        FailEverythingPending();
    }

    /// <summary>Why the host loop stopped, if it stopped on an error (the node must then exit).</summary>
    public Exception? Failure { get; private set; }

    private void Handle(HostWork work)
    {
        switch (work)
        {
            case HostWork.Tick:
                _node.Tick();
                ExpireProposals();
                break;
            case HostWork.Inbound inbound:
                var result = _node.Step(inbound.Message);
                if (!result.Accepted && _logger.IsEnabled(LogLevel.Trace))
                {
                    _logger.LogTrace("ignored {Message}: {Reason}", inbound.Message, result.Reason);
                }
                break;
            case HostWork.Proposal proposal:
                Propose(proposal);
                break;
            case HostWork.Read read:
                var id = ++_nextReadId;
                _pendingReadRequests[id] = read;
                if (!_node.ReadIndex(id).Accepted)
                {
                    _pendingReadRequests.Remove(id);
                    read.Completion.TrySetResult(new ReadOutcome(false, 0, _node.Leader));
                }
                break;
            case HostWork.PeerReport { Unreachable: true } report:
                _node.ReportUnreachable(report.Peer);
                break;
            case HostWork.PeerReport report:
                _node.ReportSnapshot(report.Peer, report.SnapshotSucceeded);
                break;
            case HostWork.TransferLeadership transfer:
                transfer.Completion.TrySetResult(_node.TransferLeadership(transfer.Target).Accepted);
                break;
            case HostWork.Durable:
                OnDurable();
                break;
            case HostWork.SnapshotEncoded encoded:
                StoreSnapshot(encoded);
                break;
            case HostWork.SyncFailed failed:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Error);
                break;
        }
    }

    private void Propose(HostWork.Proposal proposal)
    {
        Metrics.Proposed();
        var result = _node.Propose(proposal.Command);
        switch (result.Status)
        {
            case ProposeStatus.Accepted:
                _pendingProposals[result.Index] = proposal;
                _proposalAges.Enqueue((result.Index, proposal));
                break;
            case ProposeStatus.Backpressure:
                _answers.Add(proposal.Completion, new ProposalOutcome(ProposalStatus.Busy, 0, null, _node.Leader));
                break;
            default:
                _answers.Add(proposal.Completion, ProposalOutcome.NotLeader(result.LeaderHint));
                break;
        }
    }

    /// <summary>
    /// Answers proposals older than the timeout. Proposals are queued in the order they were appended, so
    /// only the front needs looking at: the cost is amortized O(1) per proposal, however many are waiting.
    /// </summary>
    private void ExpireProposals()
    {
        var oldest = Stopwatch.GetTimestamp() - (long)(_options.ProposalTimeout.TotalSeconds * Stopwatch.Frequency);
        while (_proposalAges.TryPeek(out var front))
        {
            if (!_pendingProposals.TryGetValue(front.Index, out var pending) || !ReferenceEquals(pending, front.Proposal))
            {
                _proposalAges.Dequeue(); // already answered
                continue;
            }
            if (front.Proposal.StartedTicks > oldest)
            {
                return;
            }
            _proposalAges.Dequeue();
            _pendingProposals.Remove(front.Index);
            _answers.Add(front.Proposal.Completion, new ProposalOutcome(ProposalStatus.TimedOut, front.Index, null, _node.Leader));
        }
    }

    private void FailEverythingPending()
    {
        foreach (var proposal in _pendingProposals.Values)
        {
            _answers.Add(proposal.Completion, new ProposalOutcome(ProposalStatus.Unknown, 0, null, 0));
        }
        _pendingProposals.Clear();
        _proposalAges.Clear();
        foreach (var read in _pendingReadRequests.Values)
        {
            read.Completion.TrySetResult(new ReadOutcome(false, 0, 0));
        }
        _pendingReadRequests.Clear();
        foreach (var (_, read) in _readsWaitingForApply)
        {
            read.Completion.TrySetResult(new ReadOutcome(false, 0, 0));
        }
        _readsWaitingForApply.Clear();
        _heldAcks.Clear();
        while (_input.Reader.TryRead(out var work))
        {
            switch (work)
            {
                case HostWork.Proposal p:
                    _answers.Add(p.Completion, ProposalOutcome.NotLeader(0));
                    break;
                case HostWork.Read r:
                    r.Completion.TrySetResult(new ReadOutcome(false, 0, 0));
                    break;
                case HostWork.TransferLeadership t:
                    t.Completion.TrySetResult(false);
                    break;
            }
        }
        _answers.Dispatch();
    }

    public async ValueTask DisposeAsync()
    {
        _input.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        if (_ticker is not null)
        {
            await _ticker.ConfigureAwait(false);
        }
        _syncRequests.Writer.TryComplete();
        if (_syncPump is not null)
        {
            await _syncPump.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
