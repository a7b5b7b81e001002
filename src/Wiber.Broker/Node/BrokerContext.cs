using Microsoft.Extensions.Logging;
using Wiber.Broker.Admin;
using Wiber.Broker.Hosting;
using Wiber.Broker.Protocol;
using Wiber.Broker.Time;

namespace Wiber.Broker.Node;

/// <summary>Limits a client session enforces (from the configuration's <c>limits</c> section).</summary>
public sealed record SessionLimits
{
    public ProtocolLimits Protocol { get; init; } = ProtocolLimits.Default;
    public int MaxConnections { get; init; } = 1024;
    public int MaxSubscriptionsPerConnection { get; init; } = 64;
    /// <summary>How far (in messages) a caught-up subscriber may fall behind the topic before it is dropped.</summary>
    public int SubscriberBuffer { get; init; } = 10_000;
    /// <summary>A subscriber whose socket accepts nothing for this long is dropped as a slow consumer.</summary>
    public TimeSpan SlowConsumerTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Requests a connection may have in flight (pipelined) before reading pauses.</summary>
    public int MaxPipelined { get; init; } = 1024;
    /// <summary>How long a publish waits for its commit before the client is told TIMEOUT (outcome unknown).</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Everything a client session needs from its node.</summary>
public sealed record BrokerContext
{
    public required RaftHost Host { get; init; }
    public required BrokerStateMachine Machine { get; init; }
    public required TopicSignals Signals { get; init; }
    public required HybridLogicalClock Clock { get; init; }
    public required IClock WallClock { get; init; }
    public required SessionLimits Limits { get; init; }
    /// <summary>The client address (host:port) of a node by Raft id, for forwarding and NOT_LEADER replies.</summary>
    public required Func<ulong, string?> ClientAddressOf { get; init; }
    public required Func<NodeStatusDocument> Status { get; init; }
    public required ILoggerFactory LoggerFactory { get; init; }
    public SessionCounters Counters { get; } = new();
}

/// <summary>Client-side counters for /metrics.</summary>
public sealed class SessionCounters
{
    private long _connections;
    private long _subscribers;
    private long _slowConsumers;
    private long _publishes;
    private long _forwarded;

    public long Connections => Volatile.Read(ref _connections);
    public long Subscribers => Volatile.Read(ref _subscribers);
    public long SlowConsumersDropped => Volatile.Read(ref _slowConsumers);
    public long Publishes => Volatile.Read(ref _publishes);
    public long Forwarded => Volatile.Read(ref _forwarded);

    internal void ConnectionOpened() => Interlocked.Increment(ref _connections);
    internal void ConnectionClosed() => Interlocked.Decrement(ref _connections);
    internal void SubscriberAdded() => Interlocked.Increment(ref _subscribers);
    internal void SubscriberRemoved() => Interlocked.Decrement(ref _subscribers);
    internal void SlowConsumerDropped() => Interlocked.Increment(ref _slowConsumers);
    internal void Published() => Interlocked.Increment(ref _publishes);
    internal void ForwardedOne() => Interlocked.Increment(ref _forwarded);
}
