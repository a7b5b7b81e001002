using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>Each role ignores, with a reason and no effect, the message types it has no use for.</summary>
public sealed class UnhandledMessageTypeTests
{
    [Theory]
    [InlineData(MessageType.AppendResponse)]
    [InlineData(MessageType.HeartbeatResponse)]
    [InlineData(MessageType.VoteResponse)]
    [InlineData(MessageType.PreVoteResponse)]
    [InlineData((MessageType)0)]
    [InlineData((MessageType)200)]
    public void Follower_ignores(MessageType type)
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(type, 3, 1, 3) with { Index = 4, Commit = 4 });

        Assert.False(result.Accepted);
        Assert.Equal($"{type} is not for a follower", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void Follower_ignores_a_forwarded_read()
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(MessageType.ReadIndex, 3, 1, 3) with { Context = 5 });

        Assert.False(result.Accepted);
        Assert.Equal("a follower cannot serve a forwarded read", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData(MessageType.Append)]
    [InlineData(MessageType.Heartbeat)]
    [InlineData(MessageType.Snapshot)]
    [InlineData(MessageType.VoteResponse)]
    [InlineData(MessageType.PreVoteResponse)]
    [InlineData(MessageType.TimeoutNow)]
    [InlineData(MessageType.ReadIndexResponse)]
    [InlineData((MessageType)200)]
    public void Leader_ignores(MessageType type)
    {
        // A second leader in the same term is impossible: its Append must not depose or overwrite us.
        var leader = Nodes.LeaderReplicatingTo2();
        var before = leader.State;
        var m = Msg.Of(type, 2, 1, 1) with
        {
            Index = 1, LogTerm = 1, Commit = 2,
            Entries = type == MessageType.Append ? Msg.Run(2, 1) : [],
            Snapshot = type == MessageType.Snapshot ? new Snapshot(new SnapshotMetadata(5, 1, Nodes.Three), new byte[] { 1 }) : null,
        };

        var (result, sent) = leader.Deliver(m);

        Assert.False(result.Accepted);
        Assert.Equal($"{type} is not for a leader", result.Reason);
        Assert.Equal(before, leader.State);
        Assert.Empty(sent);
        Assert.Empty(leader.ReadStates);
    }

    [Theory]
    [InlineData(MessageType.AppendResponse)]
    [InlineData(MessageType.HeartbeatResponse)]
    [InlineData(MessageType.PreVoteResponse)]
    [InlineData(MessageType.TimeoutNow)]
    [InlineData(MessageType.TransferLeader)]
    [InlineData(MessageType.ReadIndex)]
    [InlineData(MessageType.ReadIndexResponse)]
    public void Candidate_ignores(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], c => c with { PreVote = false });
        node.Raft.Campaign();
        node.Process();
        Assert.Equal((StateRole.Candidate, 4ul), (node.Raft.Role, node.Raft.Term));
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(type, 2, 1, 4) with { Index = 4, Context = 1 });

        Assert.False(result.Accepted);
        Assert.Equal($"{type} is not for a Candidate", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData(MessageType.VoteResponse)]
    [InlineData(MessageType.AppendResponse)]
    [InlineData(MessageType.TimeoutNow)]
    public void Pre_candidate_ignores(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        node.Raft.Campaign();
        node.Process();
        Assert.Equal((StateRole.PreCandidate, 3ul), (node.Raft.Role, node.Raft.Term));
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(type, 2, 1, 3) with { Index = 4 });

        Assert.False(result.Accepted);
        Assert.Equal($"{type} is not for a PreCandidate", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }
}
