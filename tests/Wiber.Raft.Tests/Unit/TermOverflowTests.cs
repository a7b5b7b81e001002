using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Terms are ulong and only grow. A message carrying the largest term leaves no room for another election:
/// whatever the core does with it, a node's term must never wrap around to 0 (which every peer ignores).
/// </summary>
public sealed class TermOverflowTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_message_in_the_last_term_never_makes_the_term_wrap(bool preVote)
    {
        var node = Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], c => c with { PreVote = preVote });
        node.Deliver(Msg.Heartbeat(2, 1, term: ulong.MaxValue, commit: 2));
        var highest = node.Raft.Term;
        var sent = new List<Message>();

        // Let the election timer fire several times.
        for (var tick = 0; tick < 100; tick++)
        {
            node.Raft.Tick();
            sent.AddRange(node.Process());
            Assert.True(node.Raft.Term >= highest, $"term went from {highest} to {node.Raft.Term} at tick {tick}");
            highest = node.Raft.Term;
        }
        Assert.DoesNotContain(sent, m => m.Term == 0);
    }

    [Fact]
    public void A_single_node_at_the_last_term_does_not_lead_in_term_zero()
    {
        // Restarted from a hard state in the last term (as after the message above), the node campaigns.
        var storage = new MemoryStorage([1]);
        storage.SetHardState(new HardState(ulong.MaxValue, 0, 0));
        var node = new TestNode(TestNode.Configure(1, [1], null, seed: 1), storage);

        node.Raft.Campaign();
        node.Process();

        // There is no term after the last one: the node stays where it is rather than wrap to term 0.
        Assert.Equal(ulong.MaxValue, node.Raft.Term);
        Assert.NotEqual(StateRole.Leader, node.Raft.Role);
        Assert.Equal(0ul, node.Raft.LastIndex);
    }

    [Fact]
    public void One_message_in_the_last_term_does_not_wedge_a_cluster()
    {
        var cluster = new TestCluster(3, seed: 5);
        Assert.NotEqual(-1, cluster.RunUntilCommitted("before"u8.ToArray(), maxTicks: 200));
        var leader = cluster.Leaders.Single().Id;
        var follower = cluster.Ids.First(id => id != leader);

        cluster.Step(Msg.Heartbeat(leader, follower, term: ulong.MaxValue));

        Assert.NotEqual(-1, cluster.RunUntilCommitted("after"u8.ToArray(), maxTicks: 500));
        Assert.All(cluster.All, n => Assert.NotEqual(0ul, n.Raft.Term));
    }
}
