using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Appends, heartbeats and snapshots that cannot come from a correct leader. The follower (term 3, log
/// terms [1,1,2,3], commit 2, leader 2) must ignore them and keep its log and commit index.
/// </summary>
public sealed class AppendValidationTests
{
    private static TestNode Follower() => Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3]);

    public static TheoryData<string> MalformedAppends => new(Malformed.Keys);

    private static readonly Dictionary<string, Message> Malformed = new()
    {
        ["entry index skips ahead of Index+1"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 4, Msg.E(6, 3)),
        ["entry index before Index+1"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 4, Msg.E(4, 3)),
        ["entries with a gap"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 4, Msg.E(5, 3), Msg.E(7, 3)),
        ["entries repeating an index"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 4, Msg.E(5, 3), Msg.E(5, 3)),
        ["entry terms going backwards"] = Msg.Append(2, 1, 3, index: 2, logTerm: 1, commit: 4, Msg.E(3, 3), Msg.E(4, 2)),
        ["entry term above the message term"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 5, Msg.E(5, 4)),
        ["first entry term below LogTerm"] = Msg.Append(2, 1, 3, index: 4, logTerm: 3, commit: 5, Msg.E(5, 2)),
        ["Index at the top of the range"] = Msg.Append(2, 1, 3, index: ulong.MaxValue, logTerm: 3, commit: 5, Msg.E(5, 3)),
    };

    [Theory]
    [MemberData(nameof(MalformedAppends))]
    public void Malformed_append_is_ignored_and_leaves_the_log_alone(string name)
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Malformed[name]);

        Assert.False(result.Accepted, name);
        Assert.StartsWith("append from 2 with entries that do not follow index", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void Well_formed_append_is_accepted()
    {
        // The control: the same shape with indexes and terms in order replaces the conflicting tail.
        var node = Follower();

        var (result, sent) = node.Deliver(Msg.Append(2, 1, 3, index: 2, logTerm: 1, commit: 4, Msg.E(3, 2), Msg.E(4, 3), Msg.E(5, 3)));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(5ul, node.Raft.LastIndex);
        Assert.Equal(4ul, node.Raft.CommitIndex);
        Assert.Equal(5ul, Assert.Single(sent).Index);
    }

    [Fact]
    public void Append_probing_beyond_the_log_is_rejected_with_a_hint()
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Append(2, 1, 3, index: 9, logTerm: 3, commit: 9, Msg.E(10, 3)));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(before, node.State);
        var reject = Assert.Single(sent);
        Assert.True(reject.Reject);
        Assert.Equal((9ul, 4ul, 3ul), (reject.Index, reject.RejectHint, reject.LogTerm));
    }

    [Fact]
    public void Append_below_the_commit_index_is_answered_with_the_commit_index()
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Append(2, 1, 3, index: 1, logTerm: 1, commit: 2, Msg.E(2, 1)));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(before, node.State);
        var ack = Assert.Single(sent);
        Assert.False(ack.Reject);
        Assert.Equal(2ul, ack.Index);
    }

    [Fact]
    public void Heartbeat_with_a_commit_beyond_the_log_does_not_move_the_commit_index()
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Heartbeat(2, 1, 3, commit: 9));

        Assert.False(result.Accepted);
        Assert.Equal("heartbeat commit 9 beyond our last index 4", result.Reason);
        Assert.Equal(before, node.State);
        // The leader is still alive and answered: liveness does not depend on the bad field.
        var response = Assert.Single(sent);
        Assert.Equal(MessageType.HeartbeatResponse, response.Type);
        Assert.Equal(2ul, response.To);
    }

    [Fact]
    public void Heartbeat_within_the_log_moves_the_commit_index()
    {
        var node = Follower();

        var (result, _) = node.Deliver(Msg.Heartbeat(2, 1, 3, commit: 4));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(4ul, node.Raft.CommitIndex);
    }

    [Fact]
    public void Heartbeat_with_a_lower_commit_does_not_lower_it()
    {
        var node = Follower();

        var (result, _) = node.Deliver(Msg.Heartbeat(2, 1, 3, commit: 1));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(2ul, node.Raft.CommitIndex);
    }

    [Fact]
    public void Snapshot_message_without_a_snapshot_is_ignored()
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(MessageType.Snapshot, 2, 1, 3));

        Assert.False(result.Accepted);
        Assert.Equal("snapshot message without a snapshot", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Fact]
    public void Snapshot_message_with_an_empty_snapshot_is_ignored()
    {
        var node = Follower();
        var before = node.State;

        var (result, sent) = node.Deliver(Msg.Of(MessageType.Snapshot, 2, 1, 3) with { Snapshot = Snapshot.Empty });

        Assert.False(result.Accepted);
        Assert.Equal("snapshot message without a snapshot", result.Reason);
        Assert.Equal(before, node.State);
        Assert.Empty(sent);
    }

    [Theory]
    [InlineData(4ul)] // newer than the message's term: no leader of term 3 can hold it
    [InlineData(0ul)] // term 0 belongs to no entry
    public void Snapshot_with_an_impossible_term_is_ignored(ulong snapshotTerm)
    {
        var node = Follower();
        var before = node.State;
        var forged = new Snapshot(new SnapshotMetadata(10, snapshotTerm, Nodes.Three), new byte[] { 1 });

        var (result, _) = node.Deliver(Msg.Of(MessageType.Snapshot, 2, 1, 3) with { Snapshot = forged });

        Assert.False(result.Accepted, $"snapshot {snapshotTerm}/10 in a term-3 message was {result}");
        Assert.Equal(before, node.State);
    }

    [Fact]
    public void Append_with_an_entry_in_term_zero_is_ignored()
    {
        // LogTerm 0 at index 0 is legitimate; an entry of term 0 is not (terms start at 1).
        var node = Nodes.FollowerOf2(term: 3, commit: 0, entryTerms: []);
        var before = node.State;

        var (result, _) = node.Deliver(Msg.Append(2, 1, 3, index: 0, logTerm: 0, commit: 1, Msg.E(1, 0)));

        Assert.False(result.Accepted, $"an entry in term 0 was {result}");
        Assert.Equal(before, node.State);
    }

    [Fact]
    public void Snapshot_covering_only_committed_entries_changes_nothing()
    {
        var node = Follower();
        var before = node.State;
        var old = new Snapshot(new SnapshotMetadata(2, 1, Nodes.Three), new byte[] { 1 });

        var (result, sent) = node.Deliver(Msg.Of(MessageType.Snapshot, 2, 1, 3) with { Snapshot = old });

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(before, node.State);
        Assert.Equal(2ul, Assert.Single(sent).Index);
    }
}
