using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Messages that are not this node's to handle at all: addressed elsewhere, from a stranger, from itself, or
/// with the never-valid term 0. Every type is tried, each with a term above the node's so that any handling
/// would show as a changed term.
/// </summary>
public sealed class StepAddressingTests
{
    public static TheoryData<MessageType> AllTypes => new(Enum.GetValues<MessageType>());

    private static Message Probe(MessageType type, ulong from, ulong to, ulong term) => new()
    {
        Type = type, From = from, To = to, Term = term, Index = 4, LogTerm = 3, Commit = 4,
        Entries = type == MessageType.Append ? Msg.Run(5, term) : [],
        Snapshot = type == MessageType.Snapshot ? new Snapshot(new SnapshotMetadata(9, term, Nodes.Three), new byte[] { 1 }) : null,
    };

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Message_addressed_to_another_node_is_ignored(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Probe(type, from: 2, to: 3, term: 9));

        Assert.False(result.Accepted);
        Assert.Equal("addressed to 3, not 1", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Message_from_an_unknown_peer_is_ignored(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Probe(type, from: 42, to: 1, term: 9));

        Assert.False(result.Accepted);
        Assert.Equal("from unknown peer 42", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Message_from_node_zero_is_ignored(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Probe(type, from: 0, to: 1, term: 9));

        Assert.False(result.Accepted);
        Assert.Contains("unknown peer 0", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Message_from_itself_is_ignored(MessageType type)
    {
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Probe(type, from: 1, to: 1, term: 9));

        Assert.False(result.Accepted);
        Assert.Contains("itself", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Message_with_term_zero_is_ignored(MessageType type)
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);
        var before = node.State;

        var (result, sent) = node.Deliver(Probe(type, from: 2, to: 1, term: 0));

        Assert.False(result.Accepted);
        Assert.Equal("term 0 is not a valid message term", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void A_leader_ignores_term_zero_acknowledgements()
    {
        var leader = Nodes.Leader();
        var before = leader.State;

        var (result, _) = leader.Deliver(Msg.AppendAck(2, 1, term: 0, index: 1));

        Assert.False(result.Accepted);
        Assert.Equal(before, leader.State);
        Assert.Equal(0ul, Nodes.ProgressOf(leader.Raft, 2).Match);
        Assert.Equal(0ul, leader.Raft.CommitIndex);
    }

    [Fact]
    public void The_same_message_addressed_correctly_is_accepted()
    {
        // The control for the tests above: the message they vary is otherwise a valid one.
        var node = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);

        var (result, sent) = node.Deliver(Probe(MessageType.Append, from: 2, to: 1, term: 9));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(9ul, node.Raft.Term);
        Assert.Equal(5ul, node.Raft.LastIndex);
        Assert.Equal(4ul, node.Raft.CommitIndex);
        var ack = Assert.Single(sent);
        Assert.Equal(MessageType.AppendResponse, ack.Type);
        Assert.Equal(5ul, ack.Index);
    }
}
