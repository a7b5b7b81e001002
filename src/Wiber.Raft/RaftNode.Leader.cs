namespace Wiber.Raft;

public sealed partial class RaftNode
{
    private void TickLeader()
    {
        _heartbeatElapsed++;
        _electionElapsed++;
        if (_electionElapsed >= _config.ElectionTick)
        {
            _electionElapsed = 0;
            if (_config.CheckQuorum && !CheckQuorumActive())
            {
                // Cut off from a majority: another leader may already exist. Stop serving as one.
                BecomeFollower(Term, 0);
                return;
            }
            if (_leadTransferee != 0)
            {
                // The transfer target did not take over within an election timeout: give up on it.
                _leadTransferee = 0;
            }
        }
        if (_heartbeatElapsed >= _config.HeartbeatTick)
        {
            _heartbeatElapsed = 0;
            BroadcastHeartbeat(context: 0);
        }
    }

    /// <summary>True if a quorum (counting us) was heard from since the last check; resets the marks.</summary>
    private bool CheckQuorumActive()
    {
        var active = 0;
        foreach (var id in _voters)
        {
            var pr = _progress[id];
            if (id == Id || pr.RecentActive)
            {
                active++;
            }
            pr.RecentActive = false;
        }
        return active >= Quorum;
    }

    private StepResult StepLeader(Message m)
    {
        var pr = _progress[m.From];
        switch (m.Type)
        {
            case MessageType.AppendResponse:
                pr.RecentActive = true;
                pr.AnsweredSinceHeartbeat = true;
                return m.Reject ? HandleAppendRejected(m, pr) : HandleAppendAccepted(m, pr);
            case MessageType.HeartbeatResponse:
                pr.RecentActive = true;
                pr.ProbeSent = false;
                if (pr.Match < _log.LastIndex)
                {
                    MaybeSendAppend(m.From, sendIfEmpty: true);
                }
                if (m.Context != 0)
                {
                    ConfirmRead(m.From, m.Context);
                }
                return StepResult.Ok;
            case MessageType.TransferLeader:
                return HandleTransferLeader(m.Index);
            case MessageType.ReadIndex:
                return HandleReadIndexAsLeader(m);
            default:
                return StepResult.Ignored($"{m.Type} is not for a leader");
        }
    }

    private StepResult HandleAppendAccepted(Message m, Progress pr)
    {
        if (m.Index > _log.LastIndex)
        {
            return StepResult.Ignored($"ack of index {m.Index} beyond our last index {_log.LastIndex}");
        }
        var wasPaused = pr.IsPaused;
        if (!pr.MaybeUpdate(m.Index))
        {
            return StepResult.Ok;
        }
        switch (pr.State)
        {
            case ProgressState.Probe:
                pr.BecomeReplicate();
                break;
            case ProgressState.Snapshot when pr.Match + 1 >= _log.FirstIndex:
                // The follower caught up through the snapshot: entries will do from here.
                pr.BecomeProbe();
                pr.BecomeReplicate();
                break;
            case ProgressState.Replicate:
                pr.Inflights.FreeLessOrEqual(m.Index);
                break;
        }
        if (MaybeCommit())
        {
            ReleasePendingReads();
            BroadcastAppend();
        }
        else if (wasPaused)
        {
            MaybeSendAppend(m.From, sendIfEmpty: true);
        }
        // Refill the window while there is something to send.
        while (MaybeSendAppend(m.From, sendIfEmpty: false))
        {
        }
        if (m.From == _leadTransferee && pr.Match == _log.LastIndex)
        {
            SendTimeoutNow(m.From);
        }
        return StepResult.Ok;
    }

    private StepResult HandleAppendRejected(Message m, Progress pr)
    {
        // The follower's hint (index, term) lets us skip past a whole term of conflicting entries.
        var next = m.RejectHint;
        if (m.LogTerm > 0)
        {
            next = _log.FindConflictByTerm(m.RejectHint, m.LogTerm).Index;
        }
        if (pr.MaybeDecreaseTo(m.Index, next))
        {
            if (pr.State == ProgressState.Replicate)
            {
                pr.BecomeProbe();
            }
            MaybeSendAppend(m.From, sendIfEmpty: true);
            return StepResult.Ok;
        }
        return StepResult.Ignored($"stale rejection of index {m.Index}");
    }

    private bool MaybeCommit()
    {
        Span<ulong> matches = stackalloc ulong[_voters.Length];
        for (var i = 0; i < _voters.Length; i++)
        {
            matches[i] = _progress[_voters[i]].Match;
        }
        matches.Sort();
        // Sorted ascending, the entry a quorum holds is the quorum-th from the top.
        var quorumIndex = matches[_voters.Length - Quorum];
        return _log.MaybeCommit(quorumIndex, Term, Faulty(RaftFaults.CommitPreviousTermByCounting));
    }

    private void AppendEntries(IReadOnlyList<Entry> entries)
    {
        _log.Append(entries);
        _progress[Id].MaybeUpdate(OwnMatch);
        // A single-node cluster commits on its own.
        MaybeCommit();
    }

    private void BroadcastAppend()
    {
        foreach (var id in _voters)
        {
            if (id != Id)
            {
                MaybeSendAppend(id, sendIfEmpty: true);
            }
        }
    }

    /// <summary>Sends the next entries (or a snapshot) to <paramref name="to"/> unless its window is paused.</summary>
    private bool MaybeSendAppend(ulong to, bool sendIfEmpty)
    {
        var pr = _progress[to];
        if (pr.IsPaused)
        {
            return false;
        }
        var prevIndex = pr.Next - 1;
        if (!_log.TryGetTerm(prevIndex, out var prevTerm)
            || !_log.TrySlice(pr.Next, _log.LastIndex + 1, _config.MaxSizePerMsg, out var entries))
        {
            return SendSnapshot(to, pr);
        }
        if (entries.Count == 0 && !sendIfEmpty)
        {
            return false;
        }
        long bytes = 0;
        foreach (var e in entries)
        {
            bytes += e.Size;
        }
        Send(new Message
        {
            Type = MessageType.Append, From = Id, To = to, Term = Term,
            Index = prevIndex, LogTerm = prevTerm, Entries = entries, Commit = _log.Committed,
        });
        pr.SentEntries(entries.Count, entries.Count > 0 ? entries[^1].Index : prevIndex, bytes);
        return true;
    }

    private bool SendSnapshot(ulong to, Progress pr)
    {
        if (!pr.RecentActive)
        {
            // Don't ship a whole state to a node that may be down; wait until it answers something.
            return false;
        }
        var snapshot = _log.Snapshot;
        if (snapshot.IsEmpty)
        {
            return false;
        }
        Send(new Message { Type = MessageType.Snapshot, From = Id, To = to, Term = Term, Snapshot = snapshot });
        pr.BecomeSnapshot(snapshot.Metadata.Index);
        return true;
    }

    private void BroadcastHeartbeat(ulong context)
    {
        foreach (var id in _voters)
        {
            if (id == Id)
            {
                continue;
            }
            var pr = _progress[id];
            DetectStall(pr);
            // Never tell a follower a commit index beyond what it is known to hold.
            var commit = Math.Min(pr.Match, _log.Committed);
            Send(new Message { Type = MessageType.Heartbeat, From = Id, To = id, Term = Term, Commit = commit, Context = context });
        }
    }

    /// <summary>
    /// Appends can be lost. A full window (or a snapshot) with no answer for a few heartbeat rounds means
    /// they were: fall back to probing, which resends from what the follower is known to hold.
    /// </summary>
    private void DetectStall(Progress pr)
    {
        var waiting = pr.State == ProgressState.Snapshot || (pr.State == ProgressState.Replicate && pr.Inflights.Full);
        if (!waiting || pr.AnsweredSinceHeartbeat)
        {
            pr.StalledHeartbeats = 0;
        }
        else if (++pr.StalledHeartbeats >= StallLimit(pr))
        {
            if (pr.State == ProgressState.Snapshot)
            {
                pr.ForgetPendingSnapshot();
            }
            pr.BecomeProbe();
        }
        pr.AnsweredSinceHeartbeat = false;
    }

    // A snapshot may take long to ship; a pipeline answer should come within a couple of round trips.
    private int StallLimit(Progress pr) => pr.State == ProgressState.Snapshot
        ? Math.Max(3, _config.ElectionTick / _config.HeartbeatTick)
        : 3;

    private StepResult HandleTransferLeader(ulong target)
    {
        if (target == Id)
        {
            return StepResult.Ignored("already the leader");
        }
        if (!_progress.TryGetValue(target, out var pr))
        {
            return StepResult.Ignored($"transfer target {target} is not a voter");
        }
        if (_leadTransferee == target)
        {
            return StepResult.Ignored($"transfer to {target} already in progress");
        }
        _leadTransferee = target;
        // The transfer must finish within an election timeout, or it is abandoned.
        _electionElapsed = 0;
        if (pr.Match == _log.LastIndex)
        {
            SendTimeoutNow(target);
        }
        else
        {
            MaybeSendAppend(target, sendIfEmpty: true);
        }
        return StepResult.Ok;
    }

    private void SendTimeoutNow(ulong to) =>
        Send(new Message { Type = MessageType.TimeoutNow, From = Id, To = to, Term = Term });

    private bool IncreaseUncommittedSize(long bytes)
    {
        var limit = _config.MaxUncommittedEntriesSize;
        // Always accept into an empty pipeline, so one oversized proposal cannot wedge the node.
        if (limit > 0 && _uncommittedSize > 0 && _uncommittedSize + bytes > limit)
        {
            return false;
        }
        _uncommittedSize += bytes;
        return true;
    }

    private void ReduceUncommittedSize(IReadOnlyList<Entry> applied)
    {
        if (Role != StateRole.Leader)
        {
            return;
        }
        foreach (var e in applied)
        {
            if (e.Kind == EntryKind.Normal)
            {
                _uncommittedSize -= e.Size;
            }
        }
        _uncommittedSize = Math.Max(0, _uncommittedSize);
    }
}
