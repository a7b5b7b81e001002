using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>The Ready/Advance handshake: what must be synced, what is handed out once, and the call order.</summary>
public sealed class ReadyContractTests
{
    [Fact]
    public void New_entries_must_be_synced()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("cmd"u8.ToArray());

        var ready = leader.Raft.GetReady();

        var entry = Assert.Single(ready.Entries);
        Assert.Equal("cmd"u8.ToArray(), entry.Data.ToArray());
        Assert.True(ready.MustSync);
        Assert.True(ready.HardState.IsEmpty); // term, vote and commit unchanged
        leader.Raft.Advance(ready);
    }

    [Fact]
    public void A_new_term_must_be_synced()
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        node.Raft.Step(Msg.Heartbeat(2, 1, term: 4, commit: 2));

        var ready = node.Raft.GetReady();

        Assert.Empty(ready.Entries);
        Assert.Equal(new HardState(4, 0, 2), ready.HardState);
        Assert.True(ready.MustSync);
        Assert.Equal(new SoftState(2, StateRole.Follower), ready.SoftState);
    }

    [Fact]
    public void A_new_vote_must_be_synced_before_the_grant_is_sent()
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        node.Raft.Step(Msg.Vote(2, 1, term: 3, lastIndex: 4, lastTerm: 3));

        var ready = node.Raft.GetReady();

        Assert.Equal(new HardState(3, 2, 2), ready.HardState);
        Assert.True(ready.MustSync);
        var grant = Assert.Single(ready.Messages);
        Assert.Equal(MessageType.VoteResponse, grant.Type);
        Assert.False(grant.Reject);
    }

    [Fact]
    public void A_commit_index_alone_need_not_be_synced()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        node.Raft.Step(Msg.Heartbeat(2, 1, term: 3, commit: 4));

        var ready = node.Raft.GetReady();

        Assert.Equal(new HardState(3, 0, 4), ready.HardState);
        Assert.False(ready.MustSync);
        Assert.Equal([3ul, 4ul], ready.CommittedEntries.Select(e => e.Index));
    }

    [Fact]
    public void A_received_snapshot_must_be_synced_and_is_not_mixed_with_committed_entries()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var snapshot = new Snapshot(new SnapshotMetadata(10, 3, Nodes.Three), new byte[] { 7 });
        node.Raft.Step(Msg.Of(MessageType.Snapshot, 2, 1, 3) with { Snapshot = snapshot });

        var ready = node.Raft.GetReady();

        Assert.Same(snapshot, ready.Snapshot);
        Assert.True(ready.MustSync);
        Assert.Empty(ready.CommittedEntries);
        Assert.Equal(10ul, ready.HardState.Commit);
        node.Storage.ApplySnapshot(snapshot);
        node.Storage.SetHardState(ready.HardState);
        node.Raft.Advance(ready);
        Assert.Equal((10ul, 10ul, 11ul), (node.Raft.AppliedIndex, node.Raft.LastIndex, node.Raft.FirstIndex));
        Assert.False(node.Raft.HasReady);
    }

    [Fact]
    public void GetReady_twice_without_Advance_throws()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        leader.Raft.GetReady();
        leader.Raft.Propose("b"u8.ToArray());

        Assert.Throws<InvalidOperationException>(() => leader.Raft.GetReady());
    }

    [Fact]
    public void After_Advance_the_next_Ready_carries_only_what_is_new()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        var first = leader.Raft.GetReady();
        leader.Storage.Append(first.Entries);
        leader.Raft.Advance(first);
        Assert.False(leader.Raft.HasReady);

        leader.Raft.Propose("b"u8.ToArray());
        var second = leader.Raft.GetReady();

        Assert.Equal(3ul, Assert.Single(second.Entries).Index);
        Assert.DoesNotContain(second.Messages, m => first.Messages.Contains(m));
        Assert.Null(second.SoftState);
    }

    [Fact]
    public void Nothing_to_do_means_no_Ready()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);

        Assert.False(node.Raft.HasReady);
        var ready = node.Raft.GetReady();
        Assert.Empty(ready.Entries);
        Assert.Empty(ready.Messages);
        Assert.Empty(ready.CommittedEntries);
        Assert.True(ready.HardState.IsEmpty);
        Assert.False(ready.MustSync);
    }

    [Fact]
    public void Committed_entries_are_bounded_per_Ready()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 0, entryTerms: [1, 1, 2, 3], c => c with { MaxCommittedSizePerReady = 30 });
        node.Raft.Step(Msg.Heartbeat(2, 1, term: 3, commit: 4));
        var batches = new List<int>();

        while (node.Raft.HasReady)
        {
            var ready = node.Raft.GetReady();
            batches.Add(ready.CommittedEntries.Count);
            node.Storage.SetHardState(ready.HardState.IsEmpty ? node.Storage.HardState : ready.HardState);
            node.Raft.Advance(ready);
        }

        Assert.Equal([1, 1, 1, 1], batches.Where(n => n > 0));
        Assert.Equal(4ul, node.Raft.AppliedIndex);
    }
}
