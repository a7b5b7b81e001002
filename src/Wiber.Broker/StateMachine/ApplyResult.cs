namespace Wiber.Broker.StateMachine;

/// <summary>What applying a command did. Rejections are ordinary outcomes, reported to the proposer.</summary>
public enum ApplyStatus
{
    /// <summary>Applied; for publishes see <see cref="ApplyResult.Publishes"/>.</summary>
    Ok,

    /// <summary>Valid but changed nothing: an ack at or below the group's current offset.</summary>
    Unchanged,

    /// <summary>An entry with no command (a new leader's no-op); only the applied index moved.</summary>
    NoOp,

    /// <summary>The index was at or below <see cref="BrokerState.LastAppliedIndex"/> (a replay after a snapshot); ignored.</summary>
    AlreadyApplied,

    /// <summary>Rejected: create of a topic that exists.</summary>
    TopicExists,

    /// <summary>Rejected: delete or ack of a topic that does not exist.</summary>
    TopicNotFound,

    /// <summary>Rejected: ack of an offset the topic has not reached.</summary>
    InvalidOffset,

    /// <summary>Rejected: the entry's bytes are not a command this node can decode.</summary>
    Malformed,
}

/// <summary>Where one publish landed. A duplicate reports the offset of the original message.</summary>
public readonly record struct PublishOutcome(string Topic, long Offset, bool Duplicate);

/// <summary>The result of <see cref="BrokerState.Apply(ulong, ulong, BrokerCommand)"/>.</summary>
/// <param name="Detail">Human-readable explanation of a rejection; empty when applied.</param>
/// <param name="Publishes">One outcome per publish, in command order; empty for other commands.</param>
public sealed record ApplyResult(ApplyStatus Status, string Detail, IReadOnlyList<PublishOutcome> Publishes)
{
    public bool IsRejection => Status is ApplyStatus.TopicExists or ApplyStatus.TopicNotFound
        or ApplyStatus.InvalidOffset or ApplyStatus.Malformed;

    internal static ApplyResult Of(ApplyStatus status, string detail = "") => new(status, detail, []);
}
