using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

public sealed class UnstableLogTests
{
    [Fact]
    public void Terms_are_known_only_for_unstable_entries()
    {
        var unstable = new UnstableLog(offset: 5);
        unstable.TruncateAndAppend(Msg.Run(5, 1, 2));

        Assert.False(unstable.TryGetTerm(4, out _));
        Assert.True(unstable.TryGetTerm(5, out var t5));
        Assert.True(unstable.TryGetTerm(6, out var t6));
        Assert.False(unstable.TryGetTerm(7, out _));
        Assert.Equal((1ul, 2ul), (t5, t6));
        Assert.Equal(6ul, unstable.MaybeLastIndex);
        Assert.Null(unstable.MaybeFirstIndex);
    }

    [Fact]
    public void Empty_unstable_log_knows_no_indexes()
    {
        var unstable = new UnstableLog(offset: 5);

        Assert.Null(unstable.MaybeFirstIndex);
        Assert.Null(unstable.MaybeLastIndex);
        Assert.False(unstable.TryGetTerm(5, out _));
    }

    [Fact]
    public void A_restored_snapshot_answers_its_own_index_and_nothing_before()
    {
        var unstable = new UnstableLog(offset: 3);
        unstable.TruncateAndAppend(Msg.Run(3, 1, 1));

        unstable.Restore(new Snapshot(new SnapshotMetadata(10, 3, Nodes.Three), default));

        Assert.Equal((11ul, 11ul, 10ul), (unstable.Offset, unstable.MaybeFirstIndex!.Value, unstable.MaybeLastIndex!.Value));
        Assert.Empty(unstable.Entries);
        Assert.True(unstable.TryGetTerm(10, out var term));
        Assert.Equal(3ul, term);
        Assert.False(unstable.TryGetTerm(9, out _));
        Assert.False(unstable.TryGetTerm(3, out _));
        Assert.False(unstable.TryGetTerm(11, out _));
    }

    [Fact]
    public void Append_after_a_snapshot_follows_it()
    {
        var unstable = new UnstableLog(offset: 1);
        unstable.Restore(new Snapshot(new SnapshotMetadata(10, 3, Nodes.Three), default));

        unstable.TruncateAndAppend(Msg.Run(11, 3, 4));

        Assert.Equal((11ul, 12ul), (unstable.MaybeFirstIndex!.Value, unstable.MaybeLastIndex!.Value));
        Assert.True(unstable.TryGetTerm(12, out var term));
        Assert.Equal(4ul, term);
    }

    [Fact]
    public void Truncate_in_the_middle_replaces_the_tail()
    {
        var unstable = new UnstableLog(offset: 5);
        unstable.TruncateAndAppend(Msg.Run(5, 1, 1, 1, 1));

        unstable.TruncateAndAppend(Msg.Run(7, 2));

        Assert.Equal([1ul, 1ul, 2ul], unstable.Entries.Select(e => e.Term));
        Assert.Equal(7ul, unstable.MaybeLastIndex);
    }

    [Fact]
    public void Truncate_before_the_offset_replaces_everything_and_moves_the_offset_back()
    {
        var unstable = new UnstableLog(offset: 5);
        unstable.TruncateAndAppend(Msg.Run(5, 1, 1));

        unstable.TruncateAndAppend(Msg.Run(3, 2, 2));

        Assert.Equal(3ul, unstable.Offset);
        Assert.Equal([3ul, 4ul], unstable.Entries.Select(e => e.Index));
    }

    [Fact]
    public void StableTo_removes_the_persisted_prefix()
    {
        var unstable = new UnstableLog(offset: 5);
        unstable.TruncateAndAppend(Msg.Run(5, 1, 1, 2));

        unstable.StableTo(6, 1);

        Assert.Equal(7ul, unstable.Offset);
        Assert.Equal(7ul, Assert.Single(unstable.Entries).Index);
    }

    [Fact]
    public void StableTo_with_a_replaced_term_is_ignored()
    {
        // The Ready carried 6@1, but an append replaced it with 6@2 before Advance: 6@2 is not stable yet.
        var unstable = new UnstableLog(offset: 5);
        unstable.TruncateAndAppend(Msg.Run(5, 1, 2));

        unstable.StableTo(6, 1);
        unstable.StableTo(4, 1);
        unstable.StableTo(9, 2);

        Assert.Equal(5ul, unstable.Offset);
        Assert.Equal(2, unstable.Entries.Count);
    }

    [Fact]
    public void StableSnapshotTo_clears_only_the_matching_snapshot()
    {
        var unstable = new UnstableLog(offset: 1);
        unstable.Restore(new Snapshot(new SnapshotMetadata(10, 3, Nodes.Three), default));

        unstable.StableSnapshotTo(9);
        Assert.NotNull(unstable.Snapshot);

        unstable.StableSnapshotTo(10);
        Assert.Null(unstable.Snapshot);
    }

    [Fact]
    public void CopyTo_stops_at_the_budget_but_copies_one_when_first()
    {
        var unstable = new UnstableLog(offset: 1);
        unstable.TruncateAndAppend(Msg.Run(1, 1, 1, 1)); // each entry is 24 + 2 bytes

        var into = new List<Entry>();
        long budget = 10;
        unstable.CopyTo(into, 1, 4, ref budget, first: true);
        Assert.Single(into);

        into.Clear();
        budget = 52;
        unstable.CopyTo(into, 1, 4, ref budget, first: true);
        Assert.Equal(2, into.Count);
        Assert.True(budget < 0, "a negative budget tells the caller the slice was cut short");

        into.Clear();
        budget = 1000;
        unstable.CopyTo(into, 2, 4, ref budget, first: true);
        Assert.Equal([2ul, 3ul], into.Select(e => e.Index));
        Assert.Equal(1000 - 52, budget);
    }
}
