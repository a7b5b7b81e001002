using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Answers a leader cannot use: an acknowledgement of entries it never had, and rejections of appends it has
/// since moved past. Neither may move a follower's progress or the commit index.
/// </summary>
public sealed class LeaderResponseValidationTests
{
    [Fact]
    public void Acknowledgement_beyond_the_leaders_log_is_ignored()
    {
        var leader = Nodes.Leader();
        var before = leader.State;
        var progressBefore = Nodes.ProgressOf(leader.Raft, 2);

        var (result, sent) = leader.Deliver(Msg.AppendAck(2, 1, 1, index: 7));

        Assert.False(result.Accepted);
        Assert.Equal("ack of index 7 beyond our last index 1", result.Reason);
        Assert.Equal(before, leader.State);
        Assert.Equal(progressBefore with { RecentActive = true }, Nodes.ProgressOf(leader.Raft, 2));
        Assert.Equal(0ul, leader.Raft.CommitIndex);
        Assert.Empty(sent);
    }

    [Fact]
    public void Acknowledgement_at_ulong_max_is_ignored()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        var before = leader.State;

        var (result, _) = leader.Deliver(Msg.AppendAck(3, 1, 1, index: ulong.MaxValue));

        Assert.False(result.Accepted);
        Assert.Equal(before, leader.State);
        Assert.Equal(0ul, Nodes.ProgressOf(leader.Raft, 3).Match);
    }

    [Fact]
    public void Valid_acknowledgement_commits()
    {
        // The control: the same ack at the leader's last index commits the no-op and starts replicating.
        var leader = Nodes.Leader();

        var (result, _) = leader.Deliver(Msg.AppendAck(2, 1, 1, index: 1));

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(1ul, leader.Raft.CommitIndex);
        var progress = Nodes.ProgressOf(leader.Raft, 2);
        Assert.Equal((1ul, 2ul, ProgressState.Replicate), (progress.Match, progress.Next, progress.State));
    }

    [Fact]
    public void Rejection_at_or_below_match_is_stale_in_replicate()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        leader.Raft.Propose("b"u8.ToArray());
        leader.Process();
        var before = leader.State;
        var progressBefore = Nodes.ProgressOf(leader.Raft, 2);
        Assert.Equal((1ul, 4ul, ProgressState.Replicate), (progressBefore.Match, progressBefore.Next, progressBefore.State));

        var (result, sent) = leader.Deliver(Msg.AppendReject(2, 1, 1, index: 1, hint: 0));

        Assert.False(result.Accepted);
        Assert.Equal("stale rejection of index 1", result.Reason);
        Assert.Equal(before, leader.State);
        Assert.Equal(progressBefore, Nodes.ProgressOf(leader.Raft, 2));
        Assert.Empty(sent);
    }

    [Fact]
    public void Rejection_of_an_append_not_in_flight_is_stale_in_probe()
    {
        // Node 3 is in Probe with Next = 1: only a rejection of index 0 answers the probe that is out.
        var leader = Nodes.Leader();
        var before = leader.State;
        var progressBefore = Nodes.ProgressOf(leader.Raft, 3);
        Assert.Equal((ProgressState.Probe, 1ul), (progressBefore.State, progressBefore.Next));

        var (result, sent) = leader.Deliver(Msg.AppendReject(3, 1, 1, index: 5, hint: 0));

        Assert.False(result.Accepted);
        Assert.Equal("stale rejection of index 5", result.Reason);
        Assert.Equal(before, leader.State);
        Assert.Equal(progressBefore with { RecentActive = true }, Nodes.ProgressOf(leader.Raft, 3));
        Assert.Empty(sent);
    }

    [Fact]
    public void Fresh_rejection_in_replicate_falls_back_to_probe_and_resends()
    {
        // The control: a rejection above Match is news — back to probing from Match+1.
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        leader.Process();

        var (result, sent) = leader.Deliver(Msg.AppendReject(2, 1, 1, index: 1 + 1, hint: 1, hintTerm: 1));

        Assert.True(result.Accepted, result.Reason);
        var progress = Nodes.ProgressOf(leader.Raft, 2);
        Assert.Equal((ProgressState.Probe, 2ul), (progress.State, progress.Next));
        var resend = Assert.Single(sent);
        Assert.Equal((MessageType.Append, 1ul), (resend.Type, resend.Index));
    }

    [Fact]
    public void Rejection_at_match_in_probe_does_not_resend_the_same_probe_at_once()
    {
        // Follower 2 acknowledged entry 2, then (disk lost, or a forged ack) rejects the probe after 2. With
        // Next already at Match+1 the rejection cannot move Next; answering it with the identical probe makes
        // leader and follower ping-pong at network speed with no tick in between.
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        leader.Process();
        leader.Deliver(Msg.AppendAck(2, 1, 1, 2));
        leader.Raft.ReportUnreachable(2);
        leader.Raft.Propose("b"u8.ToArray());
        var probe = Assert.Single(leader.Process(), m => m.To == 2);
        Assert.Equal((MessageType.Append, 2ul), (probe.Type, probe.Index));
        var progressBefore = Nodes.ProgressOf(leader.Raft, 2);
        Assert.Equal((ProgressState.Probe, 2ul, 3ul), (progressBefore.State, progressBefore.Match, progressBefore.Next));

        var (_, sent) = leader.Deliver(Msg.AppendReject(2, 1, 1, index: 2, hint: 0));

        Assert.DoesNotContain(sent, m => m.Type == MessageType.Append && m.To == 2 && m.Index == 2);
    }

    [Fact]
    public void Rejection_hint_beyond_the_log_does_not_push_next_past_the_probe()
    {
        var leader = Nodes.LeaderReplicatingTo2();
        leader.Raft.Propose("a"u8.ToArray());
        leader.Process();
        leader.Deliver(Msg.AppendReject(2, 1, 1, index: 2, hint: 1, hintTerm: 1));

        // In Probe at Next = 2, a rejection of index 1 with an absurd hint (taken, or refused as stale) may
        // only keep Next between Match+1 and the rejected probe: the overflowing hint+1 must not escape.
        var (result, _) = leader.Deliver(Msg.AppendReject(2, 1, 1, index: 1, hint: ulong.MaxValue, hintTerm: ulong.MaxValue));

        Invariants.CheckResult(result, "absurd hint");
        var progress = Nodes.ProgressOf(leader.Raft, 2);
        Assert.InRange(progress.Next, progress.Match + 1, 2ul);
    }
}
