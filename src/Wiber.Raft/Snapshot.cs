namespace Wiber.Raft;

/// <summary>Where a snapshot ends and who the voters were at that point.</summary>
public sealed record SnapshotMetadata(ulong Index, ulong Term, IReadOnlyList<ulong> Voters)
{
    public static readonly SnapshotMetadata Empty = new(0, 0, Array.Empty<ulong>());
}

/// <summary>The applied state machine up to <see cref="SnapshotMetadata.Index"/>, as opaque bytes.</summary>
public sealed record Snapshot(SnapshotMetadata Metadata, ReadOnlyMemory<byte> Data)
{
    public static readonly Snapshot Empty = new(SnapshotMetadata.Empty, ReadOnlyMemory<byte>.Empty);

    public bool IsEmpty => Metadata.Index == 0;
}
