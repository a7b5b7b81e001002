namespace Wiber.Raft;

public enum StateRole : byte
{
    Follower,
    PreCandidate,
    Candidate,
    Leader,
}

/// <summary>What changes often and need not be persisted: who leads, and what this node is.</summary>
public readonly record struct SoftState(ulong Leader, StateRole Role);

/// <summary>A linearizable read is safe at <see cref="Index"/> once the state machine has applied it.</summary>
public readonly record struct ReadState(ulong Index, ulong RequestId);
