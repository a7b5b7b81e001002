using System.Threading.Channels;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Wiber.Raft;

namespace Wiber.Broker.Hosting;

public sealed partial class RaftHost
{
    /// <summary>
    /// One Ready: write, send, apply, advance — without waiting for the disk. Entries go to the page cache
    /// and the fsync pump makes them durable in the background; what must not run ahead of the disk waits
    /// for its report instead (the leader's own vote for an entry, a follower's acknowledgement). Only a new
    /// term or vote and an installed snapshot are synced on the spot, before anything is sent.
    /// </summary>
    private void HandleReady()
    {
        var rd = _node.GetReady();
        Metrics.ReadyHandled();
        if (rd.SoftState is { } soft)
        {
            OnRoleChange(soft);
        }

        // 1. Write.
        if (rd.Snapshot is { } incoming)
        {
            _storage.ApplySnapshot(incoming);
        }
        if (rd.Entries.Count > 0)
        {
            _storage.Append(rd.Entries);
        }
        var hs = rd.HardState;
        if (!hs.IsEmpty && (hs.Term != _persistedHardState.Term || hs.Vote != _persistedHardState.Vote))
        {
            // Term and vote are written atomically and synced. A commit-only change is not written at
            // all: after a restart the leader tells us again, and a file replace per Ready would cost
            // three fsyncs on the hot path.
            _storage.SetHardState(hs);
            _persistedHardState = hs;
            Metrics.Synced();
        }

        // 2. Send. A leader's appends leave now, so followers write while our own fsync runs (the Raft
        // thesis §10.2.1); votes are already durable; acknowledgements of entries wait for our disk.
        var acknowledgeable = AcknowledgeableIndex;
        foreach (var m in rd.Messages)
        {
            if (!HoldUntilDurable(m, acknowledgeable))
            {
                _transport.Send(m);
            }
        }

        // 3. Apply: committed entries are durable on a quorum, whether or not our own fsync has finished.
        if (rd.Snapshot is { } snapshot)
        {
            _stateMachine.RestoreSnapshot(snapshot.Data);
            Metrics.SnapshotInstalled();
            _logger.LogInformation("installed snapshot at {Term}/{Index} from the leader", snapshot.Metadata.Term, snapshot.Metadata.Index);
        }
        foreach (var entry in rd.CommittedEntries)
        {
            ApplyEntry(entry);
        }
        foreach (var readState in rd.ReadStates)
        {
            if (_pendingReadRequests.Remove(readState.RequestId, out var read))
            {
                _readsWaitingForApply.Add((readState.Index, read));
            }
        }
        _node.Advance(rd);
        if (rd.Entries.Count > 0)
        {
            AfterWrite();
        }
        ReleaseReads();
        MaybeTakeSnapshot();
    }

    private void OnRoleChange(SoftState soft)
    {
        _logger.LogInformation("node {Id} is now {Role} in term {Term}; leader {Leader}", Id, soft.Role, _node.Term, soft.Leader);
        if (soft.Role == StateRole.Leader)
        {
            Metrics.BecameLeader();
            return;
        }
        // Proposals appended while leading may still commit under the next leader, or be overwritten:
        // their fate is unknown to us now. Clients retry with the same message id.
        foreach (var proposal in _pendingProposals.Values)
        {
            _answers.Add(proposal.Completion, new ProposalOutcome(ProposalStatus.Unknown, 0, null, soft.Leader));
        }
        _pendingProposals.Clear();
        _proposalAges.Clear();
        foreach (var read in _pendingReadRequests.Values)
        {
            read.Completion.TrySetResult(new ReadOutcome(false, 0, soft.Leader));
        }
        _pendingReadRequests.Clear();
    }

    private void ApplyEntry(in Entry entry)
    {
        object? result = null;
        if (entry.Kind == EntryKind.Normal)
        {
            _bytesAppliedSinceSnapshot += entry.Data.Length;
            result = _stateMachine.Apply(entry);
            Metrics.CommittedOne();
        }
        if (_pendingProposals.Remove(entry.Index, out var proposal))
        {
            if (entry.Kind == EntryKind.Normal && entry.Data.Span.SequenceEqual(proposal.Command.Span))
            {
                Metrics.CommitLatency.Record(Stopwatch.GetElapsedTime(proposal.StartedTicks));
                _answers.Add(proposal.Completion, new ProposalOutcome(ProposalStatus.Committed, entry.Index, result, Id));
            }
            else
            {
                // Another leader's entry won this index: ours is definitely not in the log.
                _answers.Add(proposal.Completion, new ProposalOutcome(ProposalStatus.Failed, entry.Index, null, _node.Leader));
            }
        }
    }

    private void ReleaseReads()
    {
        if (_readsWaitingForApply.Count == 0)
        {
            return;
        }
        var applied = _node.AppliedIndex;
        _readsWaitingForApply.RemoveAll(w =>
        {
            if (w.Index > applied)
            {
                return false;
            }
            w.Read.Completion.TrySetResult(new ReadOutcome(true, applied, Id));
            return true;
        });
    }

    /// <summary>
    /// Starts a snapshot when enough was applied since the last one. Only the capture (copying lists of
    /// shared, immutable messages) runs on this loop; encoding runs on a worker, and the bytes come back
    /// through the queue to be stored and the log compacted here, in order with everything else.
    /// </summary>
    private void MaybeTakeSnapshot()
    {
        var every = _options.SnapshotEvery;
        var applied = _node.AppliedIndex;
        var last = _storage.GetSnapshot().Metadata.Index;
        // Waiting until the entries applied since the last snapshot amount to half its size keeps the cost
        // amortized — O(1) per applied byte — instead of growing with the state at a fixed entry interval.
        // Applied entries may run ahead of our own fsync; a snapshot waits until the log it replaces is durable.
        if (_snapshotInProgress || every == 0 || applied < last + every || _bytesAppliedSinceSnapshot < _lastSnapshotBytes / 2
            || applied > _storage.DurableIndex)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var encode = _stateMachine.CaptureSnapshot();
        _bytesAppliedSinceSnapshot = 0;
        _snapshotInProgress = true;
        _ = Task.Run(async () =>
        {
            HostWork.SnapshotEncoded done;
            try
            {
                done = new HostWork.SnapshotEncoded(applied, encode(), null, started);
            }
#pragma warning disable CA1031 // Reported on the loop; the node keeps running on its log.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done = new HostWork.SnapshotEncoded(applied, null, ex, started);
            }
            try
            {
                await _input.Writer.WriteAsync(done, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                // The host is stopping; the snapshot is simply not kept.
            }
        });
    }

    private void StoreSnapshot(HostWork.SnapshotEncoded encoded)
    {
        _snapshotInProgress = false;
        if (encoded.Data is not { } data)
        {
            _logger.LogError(encoded.Error, "snapshot at index {Index} could not be encoded; the log is kept whole", encoded.Index);
            return;
        }
        // A newer snapshot installed from the leader meanwhile makes this one moot (the storage ignores it).
        _storage.CreateSnapshot(encoded.Index, data);
        if (encoded.Index > _options.SnapshotKeepEntries)
        {
            _storage.Compact(encoded.Index - _options.SnapshotKeepEntries);
        }
        _lastSnapshotBytes = data.Length;
        Metrics.SnapshotTaken();
        _logger.LogInformation("snapshot at index {Index} ({Bytes} bytes) in {Ms:F0} ms", encoded.Index, data.Length, Stopwatch.GetElapsedTime(encoded.StartedTicks).TotalMilliseconds);
    }
}
