using Wiber.Storage.IO;

namespace Wiber.Storage;

/// <summary>Where and how a node keeps its Raft state.</summary>
public sealed record StorageOptions
{
    /// <summary>The data root; the node's directory is <c>&lt;DataRoot&gt;/&lt;NodeId&gt;/</c>.</summary>
    public required string DataRoot { get; init; }

    public required ulong NodeId { get; init; }

    /// <summary>When set, recorded at creation and checked on every start.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Voters of a brand-new node; a snapshot's voters take over once there is one.</summary>
    public IReadOnlyList<ulong> InitialVoters { get; init; } = [];

    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Always;

    /// <summary>A segment is closed and a new one started once it reaches this size.</summary>
    public long SegmentBytes { get; init; } = 64L * 1024 * 1024;

    public IStorageFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>The folder name under <see cref="DataRoot"/> (the node's name, e.g. n1); the numeric id when unset.</summary>
    public string? DirectoryName { get; init; }

    public string NodeDirectory => Path.Combine(DataRoot, DirectoryName ?? NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>What start-up found and did, for the node's log and status.</summary>
public sealed record RecoveryReport(
    int Segments,
    ulong FirstIndex,
    ulong LastIndex,
    ulong SnapshotIndex,
    long TornBytesTruncated,
    string? TornTail,
    bool DiscardedLogNotMatchingSnapshot,
    TimeSpan Elapsed);
