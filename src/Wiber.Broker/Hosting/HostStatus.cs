using Wiber.Raft;

namespace Wiber.Broker.Hosting;

/// <summary>A consistent view of the host, published by the host loop after every round.</summary>
public sealed record HostStatus(RaftStatus Raft, string FsyncPolicy, ulong DurableIndex, DateTimeOffset At)
{
    public bool HasLeader => Raft.Leader != 0;
}
