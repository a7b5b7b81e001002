using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

public sealed class MemoryStorageTests
{
    private static ulong? TermAt(MemoryStorage s, ulong index) => s.TryGetTerm(index, out var t) ? t : null;

    private static ulong[] Terms(MemoryStorage s) =>
        s.GetEntries(s.FirstIndex, s.LastIndex + 1, long.MaxValue).Select(e => e.Term).ToArray();

    [Fact]
    public void Empty_storage_has_only_the_dummy_entry()
    {
        var storage = new MemoryStorage(Nodes.Three);

        Assert.Equal((1ul, 0ul), (storage.FirstIndex, storage.LastIndex));
        Assert.Equal(0ul, TermAt(storage, 0));
        Assert.Null(TermAt(storage, 1));
        Assert.Empty(storage.GetEntries(1, 1, long.MaxValue));
        Assert.True(storage.GetSnapshot().IsEmpty);
        Assert.Equal(Nodes.Three, storage.InitialState().Voters);
    }

    [Fact]
    public void Append_replaces_the_suffix_from_the_first_new_index()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 1, 1, 1));

        storage.Append(Msg.Run(3, 2, 2));

        Assert.Equal(4ul, storage.LastIndex);
        Assert.Equal([1ul, 1ul, 2ul, 2ul], Terms(storage));
    }

    [Fact]
    public void Append_straight_after_the_end_extends()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1));

        storage.Append(Msg.Run(3, 2));
        storage.Append([]);

        Assert.Equal([1ul, 1ul, 2ul], Terms(storage));
    }

    [Fact]
    public void Append_leaving_a_gap_is_rejected_and_changes_nothing()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1));

        var error = Assert.Throws<InvalidOperationException>(() => storage.Append(Msg.Run(4, 1)));

        Assert.Contains("gap", error.Message, StringComparison.Ordinal);
        Assert.Equal(2ul, storage.LastIndex);
    }

    [Fact]
    public void Create_snapshot_then_compact()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 2, 2, 3));

        var snapshot = storage.CreateSnapshot(3, new byte[] { 9 });
        storage.Compact(3);

        Assert.Equal((3ul, 2ul), (snapshot.Metadata.Index, snapshot.Metadata.Term));
        Assert.Equal(Nodes.Three, snapshot.Metadata.Voters);
        Assert.Same(snapshot, storage.GetSnapshot());
        Assert.Equal((4ul, 5ul), (storage.FirstIndex, storage.LastIndex));
        Assert.Equal(2ul, TermAt(storage, 3)); // still answerable
        Assert.Null(TermAt(storage, 2));
        Assert.Equal([2ul, 3ul], Terms(storage));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.GetEntries(3, 5, long.MaxValue));
    }

    [Fact]
    public void Older_snapshots_and_compactions_are_no_ops()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 2, 2));
        var snapshot = storage.CreateSnapshot(3, default);
        storage.Compact(3);

        Assert.Same(snapshot, storage.CreateSnapshot(2, default));
        storage.Compact(2);

        Assert.Equal(4ul, storage.FirstIndex);
    }

    [Fact]
    public void Snapshot_or_compaction_beyond_the_log_is_rejected()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => storage.CreateSnapshot(3, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.Compact(3));
        Assert.Equal((1ul, 2ul), (storage.FirstIndex, storage.LastIndex));
    }

    [Fact]
    public void Append_overlapping_the_compaction_point_keeps_only_the_new_part()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 1, 1));
        storage.Compact(3);

        storage.Append(Msg.Run(2, 1, 1, 2)); // 2 and 3 are compacted; 4 replaces the old 4
        storage.Append(Msg.Run(1, 1)); // entirely compacted: ignored

        Assert.Equal((4ul, 4ul), (storage.FirstIndex, storage.LastIndex));
        Assert.Equal(2ul, TermAt(storage, 4));
    }

    [Fact]
    public void Applying_a_snapshot_replaces_the_log_and_the_voters()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1));
        var snapshot = new Snapshot(new SnapshotMetadata(10, 4, [1, 2, 3, 4, 5]), new byte[] { 1 });

        storage.ApplySnapshot(snapshot);
        storage.ApplySnapshot(new Snapshot(new SnapshotMetadata(7, 3, Nodes.Three), default)); // older: ignored

        Assert.Equal((11ul, 10ul), (storage.FirstIndex, storage.LastIndex));
        Assert.Equal(4ul, TermAt(storage, 10));
        Assert.Same(snapshot, storage.GetSnapshot());
        Assert.Equal([1ul, 2ul, 3ul, 4ul, 5ul], storage.InitialState().Voters);
        storage.Append(Msg.Run(11, 4));
        Assert.Equal(11ul, storage.LastIndex);
    }

    [Fact]
    public void GetEntries_respects_the_byte_limit_but_returns_at_least_one()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1, 1)); // 26 bytes each

        Assert.Single(storage.GetEntries(1, 4, 1));
        Assert.Equal(2, storage.GetEntries(1, 4, 52).Count);
        Assert.Equal(3, storage.GetEntries(1, 4, 78).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.GetEntries(1, 5, long.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => storage.GetEntries(3, 2, long.MaxValue));
    }

    [Fact]
    public void Clone_is_independent()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, 1, 1));
        storage.SetHardState(new HardState(1, 2, 1));

        var clone = storage.Clone();
        clone.Append(Msg.Run(2, 5, 5));
        clone.SetHardState(new HardState(5, 0, 0));

        Assert.Equal(2ul, storage.LastIndex);
        Assert.Equal(1ul, TermAt(storage, 2));
        Assert.Equal(new HardState(1, 2, 1), storage.HardState);
        Assert.Equal(3ul, clone.LastIndex);
    }
}
