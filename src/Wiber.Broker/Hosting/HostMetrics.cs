namespace Wiber.Broker.Hosting;

/// <summary>Counters the host loop bumps; read by /metrics. Only the host loop writes, so plain increments suffice
/// for most; readers may see a value one round old.</summary>
public sealed class HostMetrics
{
    private long _proposals;
    private long _committed;
    private long _elections;
    private long _fsyncs;
    private long _readies;
    private long _snapshotsTaken;
    private long _snapshotsInstalled;

    public LatencyHistogram CommitLatency { get; } = new();

    public long Proposals => Volatile.Read(ref _proposals);
    public long Committed => Volatile.Read(ref _committed);
    public long LeadershipsWon => Volatile.Read(ref _elections);
    public long Fsyncs => Volatile.Read(ref _fsyncs);
    public long Readies => Volatile.Read(ref _readies);
    public long SnapshotsTaken => Volatile.Read(ref _snapshotsTaken);
    public long SnapshotsInstalled => Volatile.Read(ref _snapshotsInstalled);

    internal void Proposed() => Interlocked.Increment(ref _proposals);
    internal void CommittedOne() => Interlocked.Increment(ref _committed);
    internal void BecameLeader() => Interlocked.Increment(ref _elections);
    internal void Synced() => Interlocked.Increment(ref _fsyncs);
    internal void ReadyHandled() => Interlocked.Increment(ref _readies);
    internal void SnapshotTaken() => Interlocked.Increment(ref _snapshotsTaken);
    internal void SnapshotInstalled() => Interlocked.Increment(ref _snapshotsInstalled);
}
