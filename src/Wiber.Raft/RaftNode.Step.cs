namespace Wiber.Raft;

public sealed partial class RaftNode
{
    /// <summary>
    /// Feeds one message from a peer. Stale, foreign or impossible messages are ignored with a reason;
    /// a message from a newer term first brings this node up to that term (Raft §5.1).
    /// </summary>
    public StepResult Step(Message m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.To != Id)
        {
            return StepResult.Ignored($"addressed to {m.To}, not {Id}");
        }
        if (m.From == Id)
        {
            return StepResult.Ignored($"from itself ({Id})");
        }
        if (!_progress.ContainsKey(m.From))
        {
            return StepResult.Ignored($"from unknown peer {m.From}");
        }
        if (m.Term == 0)
        {
            return StepResult.Ignored("term 0 is not a valid message term");
        }
        if (m.Term == ulong.MaxValue)
        {
            // No term can follow it: accepting it would wrap the next campaign's term to 0 and wedge the cluster.
            return StepResult.Ignored("term is at its maximum value");
        }

        if (m.Term > Term)
        {
            if (m.Type is MessageType.Vote or MessageType.PreVote)
            {
                // Leader lease: while we hear from a live leader, a campaign is a disruption (a node back
                // from isolation), not a failover — unless the leader itself handed over (Force).
                var inLease = _config.CheckQuorum && Leader != 0 && _electionElapsed < _config.ElectionTick;
                if (!m.Force && inLease)
                {
                    return StepResult.Ignored($"{m.Type} from {m.From} while leader {Leader} is alive");
                }
            }
            switch (m.Type)
            {
                case MessageType.PreVote:
                    // A pre-vote never changes our term: that is its whole point.
                    break;
                case MessageType.PreVoteResponse when !m.Reject:
                    // Granted pre-votes carry the term we would campaign in; ours rises only when we do.
                    break;
                case MessageType.Append or MessageType.Heartbeat or MessageType.Snapshot:
                    BecomeFollower(m.Term, m.From);
                    break;
                default:
                    BecomeFollower(m.Term, 0);
                    if (m.Type is MessageType.AppendResponse or MessageType.HeartbeatResponse
                        or MessageType.VoteResponse or MessageType.PreVoteResponse)
                    {
                        // The answer did its job: it told us of a newer term, and we stepped down.
                        return StepResult.Ok;
                    }
                    break;
            }
        }
        else if (m.Term < Term)
        {
            return StepStaleTerm(m);
        }

        switch (m.Type)
        {
            case MessageType.Vote or MessageType.PreVote:
                return HandleVoteRequest(m);
            default:
                return Role switch
                {
                    StateRole.Leader => StepLeader(m),
                    StateRole.Candidate or StateRole.PreCandidate => StepCandidate(m),
                    _ => StepFollower(m),
                };
        }
    }

    private StepResult StepStaleTerm(Message m)
    {
        if ((_config.CheckQuorum || _config.PreVote) && m.Type is MessageType.Append or MessageType.Heartbeat)
        {
            // A leader cut off by a partition keeps its old term; with PreVote/CheckQuorum we never raised
            // ours through it, so tell it the news or it will never step down.
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term });
        }
        else if (m.Type == MessageType.PreVote)
        {
            // Reject in our term so the candidate learns it is behind.
            Send(new Message { Type = MessageType.PreVoteResponse, From = Id, To = m.From, Term = Term, Reject = true });
        }
        return StepResult.Ignored($"{m.Type} from {m.From} in stale term {m.Term} < {Term}");
    }

    private StepResult HandleVoteRequest(Message m)
    {
        var isPreVote = m.Type == MessageType.PreVote;
        var canVote =
            Vote == m.From
            || (Vote == 0 && Leader == 0)
            || (isPreVote && m.Term > Term)
            || (Faulty(RaftFaults.GrantSecondVoteInTerm) && Role != StateRole.Leader);
        var responseType = isPreVote ? MessageType.PreVoteResponse : MessageType.VoteResponse;
        if (canVote && _log.IsUpToDate(m.Index, m.LogTerm))
        {
            // Granted pre-votes answer in the candidate's future term so it does not discard them as stale.
            Send(new Message { Type = responseType, From = Id, To = m.From, Term = m.Term });
            if (!isPreVote)
            {
                _electionElapsed = 0;
                Vote = m.From;
            }
            return StepResult.Ok;
        }
        Send(new Message { Type = responseType, From = Id, To = m.From, Term = Term, Reject = true });
        return StepResult.Ok;
    }

    private StepResult StepFollower(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append:
                _electionElapsed = 0;
                Leader = m.From;
                return HandleAppend(m);
            case MessageType.Heartbeat:
                _electionElapsed = 0;
                Leader = m.From;
                return HandleHeartbeat(m);
            case MessageType.Snapshot:
                _electionElapsed = 0;
                Leader = m.From;
                return HandleSnapshot(m);
            case MessageType.TimeoutNow:
                // Our leader asks us to take over: campaign at once, skipping PreVote (it already agreed).
                Hup(transfer: true);
                return StepResult.Ok;
            case MessageType.TransferLeader:
                return Leader != 0 ? Forward(m with { From = Id, To = Leader, Term = Term }) : StepResult.Ignored("no leader to forward the transfer to");
            case MessageType.ReadIndex:
                return StepResult.Ignored("a follower cannot serve a forwarded read");
            case MessageType.ReadIndexResponse:
                _readStates.Add(new ReadState(m.Index, m.Context));
                return StepResult.Ok;
            default:
                return StepResult.Ignored($"{m.Type} is not for a follower");
        }
    }

    private StepResult StepCandidate(Message m)
    {
        var ourResponse = Role == StateRole.PreCandidate ? MessageType.PreVoteResponse : MessageType.VoteResponse;
        switch (m.Type)
        {
            case MessageType.Append:
                BecomeFollower(m.Term, m.From);
                return HandleAppend(m);
            case MessageType.Heartbeat:
                BecomeFollower(m.Term, m.From);
                return HandleHeartbeat(m);
            case MessageType.Snapshot:
                BecomeFollower(m.Term, m.From);
                return HandleSnapshot(m);
            case var t when t == ourResponse:
                switch (Poll(m.From, !m.Reject))
                {
                    case ElectionResult.Won when Role == StateRole.PreCandidate:
                        StartElection(transfer: false);
                        break;
                    case ElectionResult.Won:
                        BecomeLeader();
                        break;
                    case ElectionResult.Lost:
                        // A PreCandidate never raised its term, so this keeps the term it had.
                        BecomeFollower(Term, 0);
                        break;
                }
                return StepResult.Ok;
            default:
                return StepResult.Ignored($"{m.Type} is not for a {Role}");
        }
    }
}
