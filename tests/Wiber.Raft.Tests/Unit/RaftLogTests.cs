using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

public sealed class RaftLogTests
{
    /// <summary>Storage holding a snapshot at 5 (term 2) and entries 6..8 with terms [2,3,3].</summary>
    private static MemoryStorage CompactedStorage()
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.ApplySnapshot(new Snapshot(new SnapshotMetadata(5, 2, Nodes.Three), new byte[] { 1 }));
        storage.Append(Msg.Run(6, 2, 3, 3));
        return storage;
    }

    private static RaftLog LogWithTerms(params ulong[] terms)
    {
        var storage = new MemoryStorage(Nodes.Three);
        storage.Append(Msg.Run(1, terms));
        return new RaftLog(storage);
    }

    private static ulong? TermAt(RaftLog log, ulong index) => log.TryGetTerm(index, out var t) ? t : null;

    [Fact]
    public void Terms_resolve_across_snapshot_storage_and_unstable()
    {
        var log = new RaftLog(CompactedStorage());
        log.Append(Msg.Run(9, 4, 4));

        Assert.Null(TermAt(log, 4));     // compacted
        Assert.Equal(2ul, TermAt(log, 5)); // the snapshot's last entry
        Assert.Equal(2ul, TermAt(log, 6)); // stable
        Assert.Equal(3ul, TermAt(log, 8));
        Assert.Equal(4ul, TermAt(log, 9)); // unstable
        Assert.Equal(4ul, TermAt(log, 10));
        Assert.Null(TermAt(log, 11));    // beyond
        Assert.Equal((6ul, 10ul, 4ul), (log.FirstIndex, log.LastIndex, log.LastTerm));
        Assert.Equal(0ul, log.Term(4));
        Assert.Equal((5ul, 5ul), (log.Committed, log.Applied));
    }

    [Fact]
    public void Unstable_truncation_hides_the_replaced_stable_suffix()
    {
        var log = new RaftLog(CompactedStorage());

        log.Append(Msg.Run(7, 5));

        Assert.Equal(7ul, log.LastIndex);
        Assert.Equal(2ul, TermAt(log, 6));
        Assert.Equal(5ul, TermAt(log, 7));
        Assert.Null(TermAt(log, 8));
    }

    [Fact]
    public void Restored_snapshot_replaces_the_whole_log()
    {
        var log = new RaftLog(CompactedStorage());
        log.Append(Msg.Run(9, 4));

        log.Restore(new Snapshot(new SnapshotMetadata(20, 6, Nodes.Three), new byte[] { 2 }));

        Assert.Equal((21ul, 20ul, 20ul), (log.FirstIndex, log.LastIndex, log.Committed));
        Assert.Equal(6ul, TermAt(log, 20));
        Assert.Null(TermAt(log, 8));
        Assert.Null(TermAt(log, 19));
        Assert.True(log.HasPendingSnapshot);
        Assert.False(log.HasNextCommittedEntries);
        Assert.Equal(20ul, log.Snapshot.Metadata.Index);
    }

    [Fact]
    public void FindConflict_returns_the_first_new_or_mismatching_index()
    {
        var log = LogWithTerms(1, 1, 2, 3);

        Assert.Equal(0ul, log.FindConflict([]));
        Assert.Equal(0ul, log.FindConflict(Msg.Run(2, 1, 2, 3)));
        Assert.Equal(5ul, log.FindConflict(Msg.Run(3, 2, 3, 3)));
        Assert.Equal(3ul, log.FindConflict(Msg.Run(2, 1, 3, 3)));
        Assert.Equal(1ul, log.FindConflict(Msg.Run(1, 2)));
    }

    [Theory]
    [InlineData(5ul, 3ul, 5ul, 3ul)]  // already at or below the term
    [InlineData(5ul, 2ul, 3ul, 2ul)]  // skips the term-3 entries
    [InlineData(5ul, 1ul, 2ul, 1ul)]
    [InlineData(5ul, 0ul, 0ul, 0ul)]  // down to the start of the log
    [InlineData(9ul, 3ul, 9ul, 0ul)]  // beyond the log: no term known
    public void FindConflictByTerm_finds_the_last_index_with_a_term_at_most(ulong index, ulong term, ulong expectedIndex, ulong expectedTerm)
    {
        var log = LogWithTerms(1, 1, 2, 3, 3);

        Assert.Equal((expectedIndex, expectedTerm), log.FindConflictByTerm(index, term));
    }

    [Fact]
    public void FindConflictByTerm_stops_at_the_compaction_point()
    {
        var log = new RaftLog(CompactedStorage());

        Assert.Equal((6ul, 2ul), log.FindConflictByTerm(8, 2));
        Assert.Equal((5ul, 2ul), log.FindConflictByTerm(5, 2));
        // Term 1 is older than everything kept: the walk ends just below the snapshot with no term.
        Assert.Equal((4ul, 0ul), log.FindConflictByTerm(8, 1));
    }

    [Fact]
    public void MaybeCommit_only_commits_an_entry_of_the_given_term()
    {
        var log = LogWithTerms(1, 1, 2);

        Assert.False(log.MaybeCommit(3, 1, ignoreTerm: false));
        Assert.Equal(0ul, log.Committed);
        Assert.True(log.MaybeCommit(2, 1, ignoreTerm: false));
        Assert.Equal(2ul, log.Committed);
        Assert.False(log.MaybeCommit(2, 1, ignoreTerm: false)); // nothing new
        Assert.False(log.MaybeCommit(1, 1, ignoreTerm: false)); // lower
        Assert.True(log.MaybeCommit(3, 2, ignoreTerm: false));
        Assert.Equal(3ul, log.Committed);
    }

    [Fact]
    public void MaybeCommit_ignoring_the_term_is_the_deliberate_figure_8_bug()
    {
        var log = LogWithTerms(1, 1, 2);

        Assert.True(log.MaybeCommit(3, 7, ignoreTerm: true));
        Assert.Equal(3ul, log.Committed);
    }

    [Fact]
    public void CommitTo_never_lowers_and_never_passes_the_log()
    {
        var log = LogWithTerms(1, 1, 2);

        Assert.True(log.CommitTo(3));
        Assert.True(log.CommitTo(1));
        Assert.Equal(3ul, log.Committed);
        Assert.False(log.CommitTo(4));
        Assert.Equal(3ul, log.Committed);
    }

    [Fact]
    public void Committed_entries_come_after_applied_within_the_budget()
    {
        var log = LogWithTerms(1, 1, 2, 2);
        log.CommitTo(3);

        Assert.Equal([1ul, 2ul, 3ul], log.NextCommittedEntries(long.MaxValue).Select(e => e.Index));
        Assert.Equal([1ul], log.NextCommittedEntries(1).Select(e => e.Index));
        log.AppliedTo(2);
        Assert.Equal([3ul], log.NextCommittedEntries(long.MaxValue).Select(e => e.Index));
        log.AppliedTo(3);
        Assert.False(log.HasNextCommittedEntries);
        Assert.Empty(log.NextCommittedEntries(long.MaxValue));
    }

    [Fact]
    public void IsUpToDate_compares_last_term_then_last_index()
    {
        var log = LogWithTerms(1, 2, 2);

        Assert.True(log.IsUpToDate(1, 3));
        Assert.True(log.IsUpToDate(3, 2));
        Assert.True(log.IsUpToDate(9, 2));
        Assert.False(log.IsUpToDate(2, 2));
        Assert.False(log.IsUpToDate(9, 1));
    }
}
