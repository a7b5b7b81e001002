namespace Wiber.Cli.Commands.Bench.Harness;

/// <summary>A system the harness publishes to: Wiber, or NATS JetStream for comparison. One publisher = one connection.</summary>
internal interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Short name for the output (<c>wiber</c>, <c>nats-jetstream</c>).</summary>
    string Name { get; }

    /// <summary>What the target acknowledges after, in words (for the output: durability is part of the result).</summary>
    string Durability { get; }

    /// <summary>Makes sure the topics exist (created before the clock starts, so creation is not measured).</summary>
    Task PrepareAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken);

    /// <summary>A new connection that allows up to <paramref name="inFlight"/> unanswered publishes.</summary>
    Task<IBenchPublisher> ConnectPublisherAsync(int inFlight, CancellationToken cancellationToken);

    /// <summary>Delivered payloads of one topic from its first message, or null when the target cannot subscribe here.</summary>
    IAsyncEnumerable<BenchDelivery>? Subscribe(string topic, CancellationToken cancellationToken);
}

/// <summary>One connection publishing. <see cref="PublishAsync"/> may be called concurrently up to the in-flight window.</summary>
internal interface IBenchPublisher : IAsyncDisposable
{
    /// <summary>Publishes and waits for the acknowledgement; returns the offset/sequence, or throws / returns an error text.</summary>
    Task<BenchAck> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>The answer to one publish: ok with its offset (or sequence), or the error.</summary>
internal readonly record struct BenchAck(bool Ok, long Offset, string? Error)
{
    public static BenchAck Success(long offset) => new(true, offset, null);

    public static BenchAck Failure(string error) => new(false, -1, error);
}

/// <summary>One delivered message: its offset and payload.</summary>
internal readonly record struct BenchDelivery(long Offset, ReadOnlyMemory<byte> Payload);
