using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// <see cref="RaftConfig.AsyncStorageWrites"/>: the leader replicates before its own fsync and counts itself
/// toward a quorum only for entries its host reported durable.
/// </summary>
public sealed class AsyncStorageWritesTests
{
    private static RaftConfig Async(RaftConfig c) => c with { AsyncStorageWrites = true };

    [Fact]
    public void Leader_sends_the_entry_before_it_is_durable()
    {
        var leader = Nodes.LeaderReplicatingTo2(Async);

        leader.Raft.Propose("x"u8.ToArray());
        var sent = leader.Process();

        Assert.Contains(sent, m => m.Type == MessageType.Append && m.To == 2 && m.Entries.Any(e => e.Index == 2));
        Assert.Equal(0ul, leader.Raft.DurableIndex);
    }

    [Fact]
    public void One_follower_and_an_unsynced_leader_do_not_commit()
    {
        var leader = Nodes.LeaderReplicatingTo2(Async);
        leader.Raft.ReportDurable(1);
        leader.Process();
        leader.Raft.Propose("x"u8.ToArray());
        leader.Process();

        leader.Deliver(Msg.AppendAck(2, 1, 1, 2));

        Assert.Equal(1ul, leader.Raft.CommitIndex);
        Assert.DoesNotContain(leader.Applied, e => e.Index == 2);
    }

    [Fact]
    public void The_durability_report_completes_the_quorum()
    {
        var leader = Nodes.LeaderReplicatingTo2(Async);
        leader.Raft.Propose("x"u8.ToArray());
        leader.Process();
        leader.Deliver(Msg.AppendAck(2, 1, 1, 2));

        leader.Raft.ReportDurable(2);
        var sent = leader.Process();

        Assert.Equal(2ul, leader.Raft.CommitIndex);
        Assert.Contains(leader.Applied, e => e.Index == 2);
        // The new commit index goes out to the followers.
        Assert.Contains(sent, m => m.Type == MessageType.Append && m.To == 2 && m.Commit == 2);
    }

    [Fact]
    public void Two_followers_commit_without_the_leaders_disk()
    {
        var leader = Nodes.LeaderReplicatingTo2(Async);
        leader.Deliver(Msg.AppendAck(3, 1, 1, 1));
        leader.Raft.Propose("x"u8.ToArray());
        leader.Process();

        leader.Deliver(Msg.AppendAck(2, 1, 1, 2));
        leader.Deliver(Msg.AppendAck(3, 1, 1, 2));

        Assert.Equal(2ul, leader.Raft.CommitIndex);
        Assert.Equal(0ul, leader.Raft.DurableIndex);
    }

    [Fact]
    public void A_single_node_commits_only_once_durable()
    {
        var node = new TestNode(1, [1], Async);
        node.Raft.Campaign();
        node.Process();
        Assert.Equal(StateRole.Leader, node.Raft.Role);
        Assert.Equal(0ul, node.Raft.CommitIndex);

        node.Raft.ReportDurable(node.Raft.LastIndex);
        node.Process();

        Assert.Equal(1ul, node.Raft.CommitIndex);
    }

    [Fact]
    public void A_report_beyond_what_was_handed_to_storage_counts_only_the_stored_part()
    {
        var leader = Nodes.LeaderReplicatingTo2(Async);
        leader.Raft.ReportDurable(1);
        leader.Raft.Propose("x"u8.ToArray());
        // Not processed: entry 2 is still unstable, so a report naming it (from a stale read) cannot count it.
        leader.Raft.ReportDurable(2);

        Assert.Equal(1ul, leader.Raft.DurableIndex);
    }

    [Fact]
    public void A_truncated_follower_forgets_what_was_durable_past_the_conflict()
    {
        var follower = Nodes.FollowerOf2(term: 2, commit: 1, entryTerms: [1, 1, 1], Async);
        follower.Raft.ReportDurable(3);
        Assert.Equal(3ul, follower.Raft.DurableIndex);

        // The term-2 leader overwrites entries 2 and 3.
        follower.Deliver(Msg.Append(2, 1, 2, 1, 1, 1, Msg.E(2, 2), Msg.E(3, 2)));

        Assert.Equal(1ul, follower.Raft.DurableIndex);
    }

    [Fact]
    public void Without_async_writes_reports_are_ignored_and_everything_counts_as_durable()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("x"u8.ToArray());
        leader.Process();

        leader.Raft.ReportDurable(0);

        Assert.Equal(2ul, leader.Raft.DurableIndex);
        leader.Deliver(Msg.AppendAck(2, 1, 1, 2));
        Assert.Equal(2ul, leader.Raft.CommitIndex);
    }
}
