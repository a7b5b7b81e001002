namespace Wiber.Raft;

public sealed partial class RaftNode
{
    private StepResult HandleAppend(Message m)
    {
        if (!EntriesFollow(m))
        {
            return StepResult.Ignored($"append from {m.From} with entries that do not follow index {m.Index}");
        }
        if (m.Index < _log.Committed)
        {
            // Everything up to our commit is settled; say so, and the leader resumes from there.
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.Committed });
            return StepResult.Ok;
        }
        if (!_log.MatchTerm(m.Index, m.LogTerm))
        {
            // Hint where our logs may match: the last entry at or before the probe with a term ≤ the leader's.
            var (hintIndex, hintTerm) = _log.FindConflictByTerm(Math.Min(m.Index, _log.LastIndex), m.LogTerm);
            Send(new Message
            {
                Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term,
                Index = m.Index, Reject = true, RejectHint = hintIndex, LogTerm = hintTerm,
            });
            return StepResult.Ok;
        }

        var lastNew = m.Index + (ulong)m.Entries.Count;
        if (Faulty(RaftFaults.TruncateAcknowledgedEntries))
        {
            // The deliberate bug: trust the message over our log, so a late, shorter append erases entries we
            // already acknowledged — and the leader may have counted them to commit.
            if (m.Entries.Count > 0)
            {
                _log.Append(m.Entries);
                ForgetDurableAfter(m.Index);
            }
        }
        else
        {
            var conflict = _log.FindConflict(m.Entries);
            if (conflict != 0)
            {
                if (conflict <= _log.Committed)
                {
                    return StepResult.Ignored($"append from {m.From} conflicts with committed entry {conflict}");
                }
                _log.Append(Slice(m.Entries, (int)(conflict - (m.Index + 1))));
                ForgetDurableAfter(conflict - 1);
            }
        }
        _log.CommitTo(Math.Min(m.Commit, lastNew));
        Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = lastNew });
        return StepResult.Ok;
    }

    private static bool EntriesFollow(Message m)
    {
        for (var i = 0; i < m.Entries.Count; i++)
        {
            var e = m.Entries[i];
            if (e.Index != m.Index + 1 + (ulong)i || e.Term == 0 || e.Term > m.Term || (i > 0 && e.Term < m.Entries[i - 1].Term))
            {
                return false;
            }
        }
        return m.Entries.Count == 0 || m.Entries[0].Term >= m.LogTerm;
    }

    private static IReadOnlyList<Entry> Slice(IReadOnlyList<Entry> entries, int from)
    {
        if (from == 0)
        {
            return entries;
        }
        var result = new Entry[entries.Count - from];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = entries[from + i];
        }
        return result;
    }

    private StepResult HandleHeartbeat(Message m)
    {
        var result = StepResult.Ok;
        if (m.Commit > _log.LastIndex)
        {
            result = StepResult.Ignored($"heartbeat commit {m.Commit} beyond our last index {_log.LastIndex}");
        }
        else
        {
            _log.CommitTo(m.Commit);
        }
        Send(new Message { Type = MessageType.HeartbeatResponse, From = Id, To = m.From, Term = Term, Context = m.Context });
        return result;
    }

    private StepResult HandleSnapshot(Message m)
    {
        if (m.Snapshot is null || m.Snapshot.IsEmpty)
        {
            return StepResult.Ignored("snapshot message without a snapshot");
        }
        var meta = m.Snapshot.Metadata;
        if (meta.Term == 0 || meta.Term > m.Term)
        {
            return StepResult.Ignored($"snapshot term {meta.Term} is impossible in a term-{m.Term} message");
        }
        if (meta.Index <= _log.Committed)
        {
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.Committed });
            return StepResult.Ok;
        }
        if (_log.MatchTerm(meta.Index, meta.Term))
        {
            // We already hold everything it covers: just fast-forward the commit index.
            _log.CommitTo(meta.Index);
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.Committed });
            return StepResult.Ok;
        }
        _log.Restore(m.Snapshot);
        ForgetDurableAfter(meta.Index);
        Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.LastIndex });
        return StepResult.Ok;
    }
}
