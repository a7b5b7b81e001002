namespace Wiber.Raft;

public sealed partial class RaftNode
{
    private enum ElectionResult
    {
        Pending,
        Won,
        Lost,
    }

    private void BecomeFollower(ulong term, ulong leader)
    {
        Reset(term);
        Leader = leader;
        Role = StateRole.Follower;
    }

    private void BecomePreCandidate()
    {
        // Deliberately no Reset: term and vote stay as they are until a quorum says we could win.
        _votes.Clear();
        Leader = 0;
        Role = StateRole.PreCandidate;
    }

    private void BecomeCandidate()
    {
        Reset(Term + 1);
        Vote = Id;
        Role = StateRole.Candidate;
    }

    private void BecomeLeader()
    {
        Reset(Term);
        Leader = Id;
        Role = StateRole.Leader;
        var self = _progress[Id];
        self.BecomeReplicate();
        // An entry of our own term: until it commits, earlier entries cannot be known committed (§5.4.2),
        // and neither can reads be served.
        AppendEntries([new Entry(_log.LastIndex + 1, Term, EntryKind.Empty, default)]);
        BroadcastAppend();
    }

    private void Reset(ulong term)
    {
        if (term != Term)
        {
            Term = term;
            Vote = 0;
        }
        Leader = 0;
        _electionElapsed = 0;
        _heartbeatElapsed = 0;
        ResetRandomizedElectionTimeout();
        _leadTransferee = 0;
        _votes.Clear();
        var next = _log.LastIndex + 1;
        foreach (var (id, pr) in _progress)
        {
            pr.Reset(next);
            if (id == Id)
            {
                pr.Match = OwnMatch;
            }
        }
        _uncommittedSize = 0;
        _broadcastPending = false;
        ResetReadOnly();
    }

    private void Hup(bool transfer)
    {
        if (Role == StateRole.Leader || Term == ulong.MaxValue)
        {
            // (At the last term there is no next one to campaign in.)
            return;
        }
        // A snapshot not yet applied would leave us campaigning with a log we cannot yet serve from.
        if (_log.HasPendingSnapshot)
        {
            return;
        }
        if (_config.PreVote && !transfer)
        {
            StartPreElection();
        }
        else
        {
            StartElection(transfer);
        }
    }

    private void StartPreElection()
    {
        BecomePreCandidate();
        if (Poll(Id, true) == ElectionResult.Won)
        {
            StartElection(transfer: false);
            return;
        }
        foreach (var id in _voters)
        {
            if (id != Id)
            {
                Send(new Message
                {
                    Type = MessageType.PreVote, From = Id, To = id, Term = Term + 1,
                    Index = _log.LastIndex, LogTerm = _log.LastTerm,
                });
            }
        }
    }

    private void StartElection(bool transfer)
    {
        BecomeCandidate();
        if (Poll(Id, true) == ElectionResult.Won)
        {
            BecomeLeader();
            return;
        }
        foreach (var id in _voters)
        {
            if (id != Id)
            {
                Send(new Message
                {
                    Type = MessageType.Vote, From = Id, To = id, Term = Term,
                    Index = _log.LastIndex, LogTerm = _log.LastTerm, Force = transfer,
                });
            }
        }
    }

    private ElectionResult Poll(ulong from, bool granted)
    {
        _votes.TryAdd(from, granted);
        var yes = 0;
        var no = 0;
        foreach (var v in _votes.Values)
        {
            if (v)
            {
                yes++;
            }
            else
            {
                no++;
            }
        }
        if (yes >= Quorum)
        {
            return ElectionResult.Won;
        }
        return no >= Quorum ? ElectionResult.Lost : ElectionResult.Pending;
    }
}
