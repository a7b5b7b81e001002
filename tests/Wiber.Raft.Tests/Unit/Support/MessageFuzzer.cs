namespace Wiber.Raft.Tests.Unit.Support;

/// <summary>
/// Seeded generator of hostile messages: wholly random ones, and mutations of real ones. Terms stay within a
/// few of the target's (the last-term overflow has its own test); everything else — types outside the
/// enum, ids 0/self/strangers, indexes at 0 and ulong.MaxValue, malformed entries, empty snapshots — is fair game.
/// </summary>
internal sealed class MessageFuzzer(Random rng, IReadOnlyList<ulong> ids)
{
    private static readonly MessageType[] Types = Enum.GetValues<MessageType>();

    public Random Rng => rng;

    public Message RandomMessage(RaftNode target)
    {
        var term = Term(target.Term);
        var index = Index(target);
        var logTerm = Term(target.Term);
        return new Message
        {
            Type = Type(),
            From = Id(target.Id),
            To = rng.Next(8) == 0 ? Id(target.Id) : target.Id,
            Term = term,
            Index = index,
            LogTerm = logTerm,
            Commit = Index(target),
            Entries = Entries(index, logTerm, term),
            Reject = rng.Next(2) == 0,
            RejectHint = Index(target),
            Snapshot = Snapshot(target, term),
            Context = (ulong)rng.Next(4),
            Force = rng.Next(4) == 0,
        };
    }

    /// <summary>One to three field changes to a real message.</summary>
    public Message Mutate(Message m)
    {
        var changes = 1 + rng.Next(3);
        for (var i = 0; i < changes; i++)
        {
            m = rng.Next(10) switch
            {
                0 => m with { Type = Type() },
                1 => m with { Term = Shift(m.Term, 2) },
                2 => m with { Index = Shift(m.Index, 3) },
                3 => m with { LogTerm = Shift(m.LogTerm, 2) },
                4 => m with { Commit = Shift(m.Commit, 3) },
                5 => m with { From = Id(m.To) },
                6 => m with { To = Id(m.From) },
                7 => m with { Entries = MangleEntries(m.Entries) },
                8 => m with { Reject = !m.Reject, RejectHint = Shift(m.RejectHint, 3) },
                _ => m with { Context = (ulong)rng.Next(4), Force = !m.Force },
            };
        }
        return m;
    }

    /// <summary>
    /// A disturbance a crash-fault-tolerant cluster must survive because it is either honest (an inflated term
    /// on real content) or something <see cref="RaftNode.Step"/> must refuse (stranger, self, term 0, stale
    /// term, entries that do not follow). Unlike <see cref="Mutate"/>, it never forges an acknowledgement,
    /// entry, commit index or snapshot, which no Raft implementation can survive.
    /// </summary>
    public Message Disturb(Message m, ulong receiverTerm) => rng.Next(6) switch
    {
        0 => m with { From = rng.Next(3) switch { 0 => 0, 1 => m.To, _ => 99 } },
        1 => m with { Term = 0 },
        2 when receiverTerm > 1 => m with { Term = (ulong)rng.NextInt64(1, (long)receiverTerm) },
        3 or 4 => m with { Term = m.Term + (ulong)rng.Next(1, 3) },
        5 when m.Type == MessageType.Append && m.Entries.Count > 0 => m with { Entries = [.. m.Entries.Reverse(), m.Entries[0]] },
        _ => m with { To = m.From },
    };

    private MessageType Type() => rng.Next(12) switch
    {
        0 => (MessageType)rng.Next(14, 256),
        1 => 0,
        _ => Types[rng.Next(Types.Length)],
    };

    private ulong Id(ulong self) => rng.Next(12) switch
    {
        0 => 0,
        1 => self,
        2 => 99,
        3 => ulong.MaxValue,
        _ => ids[rng.Next(ids.Count)],
    };

    private ulong Term(ulong current) => rng.Next(10) switch
    {
        0 => 0,
        _ => Shift(current, 2),
    };

    private ulong Index(RaftNode target) => rng.Next(10) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => (ulong)rng.Next(1000),
        3 => Shift(target.CommitIndex, 2),
        _ => Shift(target.LastIndex, 3),
    };

    private ulong Shift(ulong value, int spread)
    {
        var delta = rng.Next(-spread, spread + 1);
        return delta < 0 ? value - Math.Min(value, (ulong)-delta) : value + (ulong)delta;
    }

    private Entry[] Entries(ulong index, ulong logTerm, ulong term)
    {
        var count = rng.Next(5) == 0 ? 0 : rng.Next(1, 5);
        var entries = new Entry[count];
        var wellFormed = rng.Next(3) != 0;
        var t = logTerm;
        for (var i = 0; i < count; i++)
        {
            if (wellFormed)
            {
                t = Math.Min(term, t + (ulong)rng.Next(2));
                entries[i] = Msg.E(index + 1 + (ulong)i, t, $"f{rng.Next(100)}");
            }
            else
            {
                entries[i] = Msg.E(Shift(index + 1 + (ulong)i, 2), Shift(term, 2), $"f{rng.Next(100)}");
            }
        }
        return entries;
    }

    private IReadOnlyList<Entry> MangleEntries(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0)
        {
            return [Msg.E((ulong)rng.Next(20), (ulong)rng.Next(5))];
        }
        return rng.Next(5) switch
        {
            0 => [],
            1 => entries.Skip(1).ToArray(),
            2 => entries.Take(entries.Count - 1).ToArray(),
            3 => entries.Concat(entries).ToArray(),
            _ => entries.Select(e => rng.Next(3) == 0 ? e with { Term = Shift(e.Term, 1) } : e).ToArray(),
        };
    }

    private Snapshot? Snapshot(RaftNode target, ulong term) => rng.Next(4) switch
    {
        0 => null,
        1 => Raft.Snapshot.Empty,
        _ => new Snapshot(new SnapshotMetadata(Shift(target.LastIndex, 5), Math.Min(term, Shift(target.Term, 1)), ids), new byte[] { 1 }),
    };
}
