using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

public sealed class ProposeTests
{
    [Fact]
    public void Follower_refuses_and_names_the_leader()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var result = node.Raft.Propose("x"u8.ToArray());

        Assert.Equal(new ProposeResult(ProposeStatus.NotLeader, 0, 0, LeaderHint: 2), result);
        Assert.False(result.IsAccepted);
        Assert.Equal(before, node.State);
        Assert.False(node.Raft.HasReady);
    }

    [Fact]
    public void Follower_without_a_leader_gives_no_hint()
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);

        var result = node.Raft.Propose("x"u8.ToArray());

        Assert.Equal((ProposeStatus.NotLeader, 0ul), (result.Status, result.LeaderHint));
    }

    [Fact]
    public void Candidate_refuses()
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], c => c with { PreVote = false });
        node.Raft.Campaign();

        Assert.Equal(ProposeStatus.NotLeader, node.Raft.Propose("x"u8.ToArray()).Status);
        Assert.Equal(4ul, node.Raft.LastIndex);
    }

    [Fact]
    public void Leader_accepts_at_the_next_index_in_its_term()
    {
        var leader = Nodes.LeaderReplicatingTo2();

        var result = leader.Raft.Propose("x"u8.ToArray());

        Assert.Equal(new ProposeResult(ProposeStatus.Accepted, 2, 1, 1), result);
        Assert.Equal(2ul, leader.Raft.LastIndex);
    }

    [Fact]
    public void Leader_refuses_during_a_leadership_transfer()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("x"u8.ToArray());
        leader.Process();
        // Node 3 has acknowledged nothing, so the transfer waits for it to catch up.
        Assert.True(leader.Raft.TransferLeadership(3).Accepted);

        var result = leader.Raft.Propose("y"u8.ToArray());

        Assert.Equal(ProposeStatus.TransferInProgress, result.Status);
        Assert.Equal(2ul, leader.Raft.LastIndex);
        Assert.Equal(3ul, leader.Raft.Status().LeadTransferee);
    }

    [Fact]
    public void Leader_applies_backpressure_over_the_uncommitted_limit()
    {
        // Each proposal is 24 + 50 = 74 bytes; the limit admits one but not two.
        var leader = Nodes.LeaderReplicatingTo2(c => c with { MaxUncommittedEntriesSize = 100 });
        var payload = new byte[50];

        Assert.True(leader.Raft.Propose(payload).IsAccepted);
        var refused = leader.Raft.Propose(payload);

        Assert.Equal(ProposeStatus.Backpressure, refused.Status);
        Assert.Equal(2ul, leader.Raft.LastIndex);
    }

    [Fact]
    public void Backpressure_lifts_once_entries_are_applied()
    {
        var leader = Nodes.LeaderReplicatingTo2(c => c with { MaxUncommittedEntriesSize = 100 });
        var payload = new byte[50];
        leader.Raft.Propose(payload);
        leader.Process();
        Assert.Equal(ProposeStatus.Backpressure, leader.Raft.Propose(payload).Status);

        leader.Deliver(Msg.AppendAck(2, 1, 1, 2)); // commits and applies entry 2

        Assert.Equal(2ul, leader.Raft.AppliedIndex);
        Assert.True(leader.Raft.Propose(payload).IsAccepted);
    }

    [Fact]
    public void One_oversized_proposal_is_accepted_into_an_empty_pipeline()
    {
        var leader = Nodes.LeaderReplicatingTo2(c => c with { MaxUncommittedEntriesSize = 10 });

        Assert.True(leader.Raft.Propose(new byte[1000]).IsAccepted);
        Assert.Equal(ProposeStatus.Backpressure, leader.Raft.Propose(new byte[1]).Status);
    }

    [Fact]
    public void Single_node_cluster_elects_itself_and_commits_on_its_own()
    {
        var node = new TestNode(1, [1]);

        node.Raft.Campaign();
        var sent = node.Process();

        Assert.Empty(sent);
        Assert.Equal((StateRole.Leader, 1ul), (node.Raft.Role, node.Raft.Term));
        var result = node.Raft.Propose("solo"u8.ToArray());
        Assert.True(result.IsAccepted);
        node.Process();
        Assert.Equal(result.Index, node.Raft.CommitIndex);
        Assert.Equal(result.Index, node.Raft.AppliedIndex);
        Assert.Equal("solo"u8.ToArray(), node.Applied[^1].Data.ToArray());
        Assert.Equal(EntryKind.Empty, node.Applied[0].Kind);
    }

    [Fact]
    public void Single_node_cluster_elects_itself_on_the_election_timeout()
    {
        var node = new TestNode(1, [1]);

        for (var tick = 0; tick < 20 && node.Raft.Role != StateRole.Leader; tick++)
        {
            node.Raft.Tick();
            node.Process();
        }

        Assert.Equal(StateRole.Leader, node.Raft.Role);
        Assert.Equal(1ul, node.Raft.CommitIndex);
    }
}
