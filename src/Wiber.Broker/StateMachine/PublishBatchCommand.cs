namespace Wiber.Broker.StateMachine;

/// <summary>
/// Several publishes in one Raft entry: the host batches for throughput (one entry, one fsync share, one
/// apply). Applied in order, exactly as if each were its own entry at the same index; a repeated id inside
/// the batch is a duplicate of the earlier one.
/// </summary>
public sealed record PublishBatchCommand : BrokerCommand
{
    public PublishBatchCommand(IEnumerable<PublishCommand> publishes)
    {
        ArgumentNullException.ThrowIfNull(publishes);
        var copy = publishes.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("a batch holds at least one publish", nameof(publishes));
        }
        if (Array.Exists(copy, p => p is null))
        {
            throw new ArgumentException("a batch cannot hold a null publish", nameof(publishes));
        }
        Publishes = copy;
    }

    public IReadOnlyList<PublishCommand> Publishes { get; }

    public bool Equals(PublishBatchCommand? other) =>
        other is not null && Publishes.SequenceEqual(other.Publishes);

    public override int GetHashCode() => HashCode.Combine(Publishes.Count, Publishes[0]);

    public override string ToString() => $"PublishBatch of {Publishes.Count}";
}
