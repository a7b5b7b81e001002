using Wiber.Raft;

namespace Wiber.Broker.Hosting;

/// <summary>Everything that reaches the host loop goes through one queue, so the Raft node has one owner.</summary>
internal abstract record HostWork
{
    public sealed record Tick : HostWork
    {
        public static readonly Tick Instance = new();
    }

    public sealed record Inbound(Message Message) : HostWork;

    public sealed record Proposal(ReadOnlyMemory<byte> Command, TaskCompletionSource<ProposalOutcome> Completion, long StartedTicks) : HostWork;

    public sealed record Read(TaskCompletionSource<ReadOutcome> Completion) : HostWork;

    public sealed record PeerReport(ulong Peer, bool Unreachable, bool SnapshotSucceeded) : HostWork;

    public sealed record TransferLeadership(ulong Target, TaskCompletionSource<bool> Completion) : HostWork;

    /// <summary>A background fsync finished: read the storage's durable index and act on it.</summary>
    public sealed record Durable : HostWork
    {
        public static readonly Durable Instance = new();
    }

    /// <summary>A snapshot captured at <paramref name="Index"/> was encoded off the loop (Data null if encoding failed).</summary>
    public sealed record SnapshotEncoded(ulong Index, byte[]? Data, Exception? Error, long StartedTicks) : HostWork;

    /// <summary>A background fsync failed: the loop must stop, as it would on any storage failure.</summary>
    public sealed record SyncFailed(Exception Error) : HostWork;
}

/// <summary>A linearizable read may be served once <see cref="AppliedIndex"/> is applied (it already is when returned).</summary>
public readonly record struct ReadOutcome(bool Confirmed, ulong AppliedIndex, ulong LeaderId);
