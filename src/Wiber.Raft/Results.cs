namespace Wiber.Raft;

/// <summary>
/// What became of a message given to <see cref="RaftNode.Step"/>. A message that cannot be used — stale,
/// from an unknown node, impossible — is ignored with a reason, never thrown: a peer's bug or a replayed
/// packet must not kill the host.
/// </summary>
public readonly record struct StepResult(bool Accepted, string? Reason)
{
    public static readonly StepResult Ok = new(true, null);

    public static StepResult Ignored(string reason) => new(false, reason);

    public override string ToString() => Accepted ? "ok" : $"ignored: {Reason}";
}

public enum ProposeStatus : byte
{
    /// <summary>Appended at (Index, Term); it is committed when an entry with that index and term is applied.</summary>
    Accepted,
    /// <summary>This node is not the leader; <see cref="ProposeResult.LeaderHint"/> names the one it knows (0 = none).</summary>
    NotLeader,
    /// <summary>A leadership transfer is in progress; retry at the new leader.</summary>
    TransferInProgress,
    /// <summary>Too many bytes appended but not yet applied; back off.</summary>
    Backpressure,
}

public readonly record struct ProposeResult(ProposeStatus Status, ulong Index, ulong Term, ulong LeaderHint)
{
    public bool IsAccepted => Status == ProposeStatus.Accepted;
}

/// <summary>The leader's view of one follower, as reported in status.</summary>
public readonly record struct PeerProgress(ulong Id, ulong Match, ulong Next, ProgressState State, bool RecentActive, int Inflight);

/// <summary>A point-in-time view of a node, for status pages, tests and invariant checks.</summary>
public sealed record RaftStatus(
    ulong Id,
    StateRole Role,
    ulong Term,
    ulong Vote,
    ulong Leader,
    ulong Commit,
    ulong Applied,
    ulong FirstIndex,
    ulong LastIndex,
    ulong LeadTransferee,
    IReadOnlyList<PeerProgress> Progress);
