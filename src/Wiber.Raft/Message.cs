namespace Wiber.Raft;

/// <summary>The messages nodes exchange. Local events (ticks, proposals, reports) are methods, not messages.</summary>
public enum MessageType : byte
{
    /// <summary>AppendEntries: entries after (Index, LogTerm), plus the leader's commit index.</summary>
    Append = 1,
    /// <summary>Answer to Append or Snapshot: Index = last matching index, or Reject with a hint.</summary>
    AppendResponse = 2,
    Vote = 3,
    VoteResponse = 4,
    /// <summary>PreVote: "would you vote for me in term Term?" — asked without raising our own term.</summary>
    PreVote = 5,
    PreVoteResponse = 6,
    Heartbeat = 7,
    HeartbeatResponse = 8,
    /// <summary>InstallSnapshot: the whole state up to Snapshot.Metadata.Index.</summary>
    Snapshot = 9,
    /// <summary>Leadership transfer: the leader tells a caught-up follower to campaign now.</summary>
    TimeoutNow = 10,
    /// <summary>A follower forwards a leadership transfer request to the leader.</summary>
    TransferLeader = 11,
    /// <summary>A follower forwards a linearizable read to the leader; Context is its request id.</summary>
    ReadIndex = 12,
    ReadIndexResponse = 13,
}

/// <summary>
/// One Raft message. Immutable; the simulator may deliver it twice or never. Fields a type does not use
/// stay zero. Term 0 never appears on the wire.
/// </summary>
public sealed record Message
{
    public required MessageType Type { get; init; }
    public required ulong From { get; init; }
    public required ulong To { get; init; }
    public required ulong Term { get; init; }

    /// <summary>Append: term of the entry at <see cref="Index"/>. Votes: candidate's last log term. Reject: hint term.</summary>
    public ulong LogTerm { get; init; }

    /// <summary>Append: index before the entries. Votes: candidate's last index. Responses: see the type.</summary>
    public ulong Index { get; init; }

    public IReadOnlyList<Entry> Entries { get; init; } = [];

    public ulong Commit { get; init; }

    public bool Reject { get; init; }

    /// <summary>On a rejected append: the follower's best guess of where the logs may match.</summary>
    public ulong RejectHint { get; init; }

    public Snapshot? Snapshot { get; init; }

    /// <summary>ReadIndex request id, echoed through heartbeats and responses.</summary>
    public ulong Context { get; init; }

    /// <summary>On Vote: this election follows a leadership transfer, so voters ignore their leader lease.</summary>
    public bool Force { get; init; }

    public override string ToString()
    {
        var text = $"{From}->{To} {Type} term={Term}";
        return Type switch
        {
            MessageType.Append => $"{text} log={LogTerm}/{Index} commit={Commit} entries=[{string.Join(", ", Entries)}]",
            MessageType.AppendResponse when Reject => $"{text} REJECT index={Index} hint={LogTerm}/{RejectHint}",
            MessageType.AppendResponse => $"{text} index={Index}",
            MessageType.Vote or MessageType.PreVote => $"{text} last={LogTerm}/{Index}{(Force ? " force" : "")}",
            MessageType.VoteResponse or MessageType.PreVoteResponse => $"{text}{(Reject ? " REJECT" : " granted")}",
            MessageType.Heartbeat => $"{text} commit={Commit}{(Context != 0 ? $" ctx={Context}" : "")}",
            MessageType.HeartbeatResponse => Context != 0 ? $"{text} ctx={Context}" : text,
            MessageType.Snapshot => $"{text} snapshot={Snapshot?.Metadata.Term}/{Snapshot?.Metadata.Index}",
            MessageType.ReadIndex or MessageType.ReadIndexResponse => $"{text} index={Index} ctx={Context}",
            _ => text,
        };
    }
}
