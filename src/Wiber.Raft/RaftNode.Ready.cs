namespace Wiber.Raft;

public sealed partial class RaftNode
{
    private HardState CurrentHardState => new(Term, Vote, _log.Committed);

    /// <summary>True when there is anything for the host to persist, send or apply.</summary>
    public bool HasReady
    {
        get
        {
            FlushBroadcast();
            return _messages.Count > 0
                || _readStates.Count > 0
                || _log.Unstable.Entries.Count > 0
                || _log.HasPendingSnapshot
                || _log.HasNextCommittedEntries
                || CurrentHardState != _persistedHardState
                || new SoftState(Leader, Role) != _reportedSoftState;
        }
    }

    /// <summary>
    /// Hands over what the host must do (see <see cref="Ready"/> for the order). Call <see cref="Advance"/>
    /// with it before asking for the next one.
    /// </summary>
    public Ready GetReady()
    {
        if (_readyOutstanding)
        {
            throw new InvalidOperationException("GetReady called again before Advance for the previous Ready");
        }
        FlushBroadcast();
        var hardState = CurrentHardState;
        var softState = new SoftState(Leader, Role);
        var entries = _log.Unstable.Entries.Count > 0 ? _log.Unstable.Entries.ToArray() : [];
        var hardStateChanged = hardState != _persistedHardState;
        var ready = new Ready
        {
            SoftState = softState != _reportedSoftState ? softState : null,
            HardState = hardStateChanged ? hardState : HardState.Empty,
            Entries = entries,
            Snapshot = _log.Unstable.Snapshot,
            CommittedEntries = _log.NextCommittedEntries(_config.MaxCommittedSizePerReady),
            Messages = _messages,
            ReadStates = _readStates,
            MustSync = MustSync(hardState, entries.Length, _log.Unstable.Snapshot is not null),
        };
        _messages = [];
        _readStates = [];
        _reportedSoftState = softState;
        _readyOutstanding = true;
        return ready;
    }

    /// <summary>The host has done everything the Ready asked: entries are stable, committed ones applied.</summary>
    public void Advance(Ready ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        _readyOutstanding = false;
        if (!ready.HardState.IsEmpty)
        {
            _persistedHardState = ready.HardState;
        }
        if (ready.Entries.Count > 0)
        {
            var last = ready.Entries[^1];
            _log.Unstable.StableTo(last.Index, last.Term);
        }
        if (ready.Snapshot is { } snapshot)
        {
            _log.Unstable.StableSnapshotTo(snapshot.Metadata.Index);
            _log.AppliedSnapshotTo(snapshot.Metadata.Index);
        }
        if (ready.CommittedEntries.Count > 0)
        {
            _log.AppliedTo(ready.CommittedEntries[^1].Index);
            ReduceUncommittedSize(ready.CommittedEntries);
        }
    }

    private bool MustSync(HardState hardState, int entryCount, bool hasSnapshot)
    {
        if (entryCount > 0 || hasSnapshot)
        {
            return true;
        }
        if (Faulty(RaftFaults.SendVoteBeforePersisting))
        {
            return false;
        }
        // A vote or term must survive a crash before anyone hears of it; a commit index need not.
        return hardState.Term != _persistedHardState.Term || hardState.Vote != _persistedHardState.Vote;
    }

    private void FlushBroadcast()
    {
        if (_broadcastPending)
        {
            _broadcastPending = false;
            if (Role == StateRole.Leader)
            {
                BroadcastAppend();
            }
        }
    }
}
