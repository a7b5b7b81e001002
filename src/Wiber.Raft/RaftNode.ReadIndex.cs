namespace Wiber.Raft;

public sealed partial class RaftNode
{
    /// <summary>A read waiting for a quorum to confirm we are still the leader.</summary>
    private sealed class PendingRead(ulong commitIndex, ulong requester, ulong requestId)
    {
        public ulong CommitIndex { get; } = commitIndex;
        public ulong Requester { get; } = requester;
        public ulong RequestId { get; } = requestId;
        public HashSet<ulong> Acks { get; } = [];
    }

    // Confirmation rounds in the order they were started; a quorum confirming round k confirms all before it.
    private readonly Dictionary<ulong, PendingRead> _readsByContext = [];
    private readonly Queue<ulong> _readQueue = new();
    // Reads that arrived before this term's first commit; the commit index is not trustworthy until then.
    private readonly List<Message> _readsAwaitingTermCommit = [];
    private List<ReadState> _readStates = [];
    private ulong _nextReadContext;

    private void ResetReadOnly()
    {
        _readsByContext.Clear();
        _readQueue.Clear();
        _readsAwaitingTermCommit.Clear();
    }

    private StepResult HandleReadIndexAsLeader(Message m)
    {
        if (_voters.Length == 1 || Faulty(RaftFaults.ServeReadsWithoutConfirmation))
        {
            DeliverRead(m.From, new ReadState(_log.Committed, m.Context));
            return StepResult.Ok;
        }
        if (_log.Term(_log.Committed) != Term)
        {
            _readsAwaitingTermCommit.Add(m);
            return StepResult.Ok;
        }
        // Our own context: request ids of different followers may collide, ours never do.
        var context = ++_nextReadContext;
        var read = new PendingRead(_log.Committed, m.From, m.Context);
        read.Acks.Add(Id);
        _readsByContext[context] = read;
        _readQueue.Enqueue(context);
        BroadcastHeartbeat(context);
        return StepResult.Ok;
    }

    private void ConfirmRead(ulong from, ulong context)
    {
        if (!_readsByContext.TryGetValue(context, out var read))
        {
            return;
        }
        read.Acks.Add(from);
        if (read.Acks.Count < Quorum)
        {
            return;
        }
        while (_readQueue.TryDequeue(out var ctx))
        {
            var confirmed = _readsByContext[ctx];
            _readsByContext.Remove(ctx);
            DeliverRead(confirmed.Requester, new ReadState(confirmed.CommitIndex, confirmed.RequestId));
            if (ctx == context)
            {
                break;
            }
        }
    }

    private void DeliverRead(ulong requester, ReadState state)
    {
        if (requester == Id)
        {
            _readStates.Add(state);
        }
        else
        {
            Send(new Message
            {
                Type = MessageType.ReadIndexResponse, From = Id, To = requester, Term = Term,
                Index = state.Index, Context = state.RequestId,
            });
        }
    }

    private void ReleasePendingReads()
    {
        if (_readsAwaitingTermCommit.Count == 0 || _log.Term(_log.Committed) != Term)
        {
            return;
        }
        var waiting = _readsAwaitingTermCommit.ToArray();
        _readsAwaitingTermCommit.Clear();
        foreach (var m in waiting)
        {
            HandleReadIndexAsLeader(m);
        }
    }
}
