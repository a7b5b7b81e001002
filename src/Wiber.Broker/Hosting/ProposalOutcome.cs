namespace Wiber.Broker.Hosting;

public enum ProposalStatus
{
    /// <summary>Committed and applied; <see cref="ProposalOutcome.Result"/> is the state machine's answer.</summary>
    Committed,
    /// <summary>Not appended: this node is not the leader (LeaderId names the one it knows, 0 = none).</summary>
    NotLeader,
    /// <summary>Appended, then leadership changed before it committed: it may or may not be committed later.</summary>
    Unknown,
    /// <summary>Not appended: too much is waiting to commit; back off and retry.</summary>
    Busy,
    /// <summary>Appended, but a different entry was committed at its index: definitely not written.</summary>
    Failed,
    /// <summary>Appended, not committed within the host's proposal timeout: it may or may not be committed later.</summary>
    TimedOut,
}

public readonly record struct ProposalOutcome(ProposalStatus Status, ulong Index, object? Result, ulong LeaderId)
{
    public static ProposalOutcome NotLeader(ulong leader) => new(ProposalStatus.NotLeader, 0, null, leader);
}
