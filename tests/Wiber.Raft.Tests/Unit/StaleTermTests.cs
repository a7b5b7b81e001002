using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Messages from an earlier term are ignored — but a stale leader is told the news (with PreVote or
/// CheckQuorum it could otherwise never learn it was deposed) and a stale pre-candidate gets a rejection.
/// </summary>
public sealed class StaleTermTests
{
    public static TheoryData<MessageType> SilentlyIgnoredTypes => new(
        MessageType.AppendResponse, MessageType.Vote, MessageType.VoteResponse, MessageType.PreVoteResponse,
        MessageType.HeartbeatResponse, MessageType.Snapshot, MessageType.TimeoutNow, MessageType.TransferLeader,
        MessageType.ReadIndex, MessageType.ReadIndexResponse);

    [Theory]
    [MemberData(nameof(SilentlyIgnoredTypes))]
    public void Stale_message_is_ignored_without_an_answer(MessageType type)
    {
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;
        var stale = Msg.Of(type, from: 3, to: 1, term: 4) with
        {
            Index = 9, LogTerm = 4,
            Snapshot = type == MessageType.Snapshot ? new Snapshot(new SnapshotMetadata(9, 4, Nodes.Three), new byte[] { 1 }) : null,
        };

        var (result, sent) = node.Deliver(stale);

        Assert.False(result.Accepted);
        Assert.Equal($"{type} from 3 in stale term 4 < 5", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData(MessageType.Append, true, true)]
    [InlineData(MessageType.Append, true, false)]
    [InlineData(MessageType.Append, false, true)]
    [InlineData(MessageType.Heartbeat, true, true)]
    [InlineData(MessageType.Heartbeat, false, true)]
    [InlineData(MessageType.Heartbeat, true, false)]
    public void Stale_leader_is_told_the_current_term(MessageType type, bool preVote, bool checkQuorum)
    {
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3], c => c with { PreVote = preVote, CheckQuorum = checkQuorum });
        var before = node.State;
        var stale = type == MessageType.Append
            ? Msg.Append(3, 1, term: 4, index: 4, logTerm: 3, commit: 4, Msg.E(5, 4))
            : Msg.Heartbeat(3, 1, term: 4, commit: 4);

        var (result, sent) = node.Deliver(stale);

        Assert.False(result.Accepted);
        Assert.Contains("stale term 4 < 5", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, node.State);
        var news = Assert.Single(sent);
        Assert.Equal(MessageType.AppendResponse, news.Type);
        Assert.Equal((1ul, 3ul, 5ul), (news.From, news.To, news.Term));
        Assert.False(news.Reject);
    }

    [Fact]
    public void Stale_leader_gets_no_answer_without_PreVote_or_CheckQuorum()
    {
        // Without either, the stale leader's own followers raise their term through it: no reply needed.
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3], c => c with { PreVote = false, CheckQuorum = false });
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Heartbeat(3, 1, term: 4, commit: 4));

        Assert.False(result.Accepted);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void Stale_pre_candidate_is_rejected_in_the_current_term()
    {
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.PreVote(3, 1, term: 4, lastIndex: 10, lastTerm: 4));

        Assert.False(result.Accepted);
        Assert.Contains("stale term 4 < 5", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, node.State);
        var reject = Assert.Single(sent);
        Assert.Equal(MessageType.PreVoteResponse, reject.Type);
        Assert.Equal((1ul, 3ul, 5ul), (reject.From, reject.To, reject.Term));
        Assert.True(reject.Reject);
    }

    [Fact]
    public void Stale_leader_steps_down_on_the_answer()
    {
        // The other half of the exchange: the AppendResponse in a newer term deposes the leader.
        var leader = Nodes.Leader();
        leader.Deliver(Msg.AppendAck(2, 1, term: 3, index: 0));

        Assert.Equal(StateRole.Follower, leader.Raft.Role);
        Assert.Equal(3ul, leader.Raft.Term);
        Assert.Equal(0ul, leader.Raft.Leader);
        Assert.Equal(0ul, leader.Raft.Vote);
    }

    [Theory]
    [InlineData(MessageType.AppendResponse, false)]
    [InlineData(MessageType.HeartbeatResponse, false)]
    [InlineData(MessageType.VoteResponse, true)]
    [InlineData(MessageType.PreVoteResponse, true)]
    public void Answer_from_a_newer_term_that_deposes_a_leader_is_reported_as_used(MessageType type, bool reject)
    {
        // The message did its job — it carried the news of a newer term and the leader stepped down — so
        // StepResult must not call it ignored (hosts count ignored messages as peer bugs or replays).
        var leader = Nodes.Leader();

        var (result, _) = leader.Deliver(Msg.Of(type, 2, 1, term: 3) with { Reject = reject });

        Assert.Equal((StateRole.Follower, 3ul), (leader.Raft.Role, leader.Raft.Term));
        Assert.True(result.Accepted, $"{type} in a newer term changed the term but was reported as: {result}");
    }

    [Fact]
    public void Campaign_during_a_live_leader_lease_is_ignored()
    {
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Vote(3, 1, term: 6, lastIndex: 9, lastTerm: 5));

        Assert.False(result.Accepted);
        Assert.Equal("Vote from 3 while leader 2 is alive", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void Forced_campaign_overrides_the_lease()
    {
        // The control for the lease test: a transfer-driven election is heard.
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3]);

        var (result, sent) = node.Deliver(Msg.Vote(3, 1, term: 6, lastIndex: 9, lastTerm: 5) with { Force = true });

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal((6ul, 3ul), (node.Raft.Term, node.Raft.Vote));
        var grant = Assert.Single(sent);
        Assert.Equal(MessageType.VoteResponse, grant.Type);
        Assert.False(grant.Reject);
    }

    [Fact]
    public void Granted_pre_vote_response_in_a_future_term_does_not_raise_a_followers_term()
    {
        var node = Nodes.FollowerOf2(term: 5, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(MessageType.PreVoteResponse, 3, 1, term: 9));

        Assert.False(result.Accepted);
        Assert.Equal("PreVoteResponse is not for a follower", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }
}
