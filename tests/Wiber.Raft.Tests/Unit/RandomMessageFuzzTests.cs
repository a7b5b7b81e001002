using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// Thousands of seeded random messages, mixed with ticks, proposals and host calls, stepped into a node that
/// starts in each role: no exception, a reason for every ignored message, junk that changes nothing, and the
/// node's invariants intact after every step. A failure names role, sequence and step for replay.
/// </summary>
public sealed class RandomMessageFuzzTests
{
    private const int Sequences = 100;
    private const int StepsPerSequence = 150;

    [Theory]
    [InlineData(StateRole.Follower)]
    [InlineData(StateRole.PreCandidate)]
    [InlineData(StateRole.Candidate)]
    [InlineData(StateRole.Leader)]
    public void Random_messages_never_throw_nor_break_an_invariant(StateRole role)
    {
        var steps = 0;
        var ignored = 0;
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var rng = new Random(1_000 * ((int)role + 1) + sequence);
            var lenient = sequence % 2 == 1;
            var node = Start(role, c => lenient ? c with { PreVote = false, CheckQuorum = false, MaxInflightMsgs = 2 } : c);
            var fuzzer = new MessageFuzzer(rng, Nodes.Three);
            for (var step = 0; step < StepsPerSequence; step++, steps++)
            {
                var context = $"role {role} sequence {sequence} step {step}";
                var before = node.State;
                try
                {
                    if (Act(node, fuzzer, before, context) is false)
                    {
                        ignored++;
                    }
                    var sent = node.Process();
                    Invariants.CheckNode(node.Raft, before, sent, context);
                    MaybeCompact(node, rng);
                }
                catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
                {
                    Assert.Fail($"{context}: {e}");
                }
            }
        }
        Assert.Equal(Sequences * StepsPerSequence, steps);
        // The fuzzer produces bad input, but not only: some of it gets through to the handlers.
        Assert.InRange(ignored, steps / 10, steps * 9 / 10);
    }

    /// <summary>One random action; returns the step result's Accepted for messages, null otherwise.</summary>
    private static bool? Act(TestNode node, MessageFuzzer fuzzer, NodeState before, string context)
    {
        var rng = fuzzer.Rng;
        switch (rng.Next(100))
        {
            case < 80:
                var m = fuzzer.RandomMessage(node.Raft);
                var result = node.Raft.Step(m);
                Invariants.CheckResult(result, $"{context} {m}");
                Invariants.CheckJunkIgnored(m, node.Raft, result, before, context);
                return result.Accepted;
            case < 90:
                node.Raft.Tick();
                return null;
            case < 94:
                node.Raft.Propose(new byte[rng.Next(64)]);
                return null;
            case < 96:
                Invariants.CheckResult(node.Raft.ReadIndex((ulong)rng.Next(1, 5)), context);
                return null;
            case < 97:
                Invariants.CheckResult(node.Raft.TransferLeadership((ulong)rng.Next(0, 5)), context);
                return null;
            case < 98:
                node.Raft.ReportUnreachable((ulong)rng.Next(0, 5));
                return null;
            default:
                node.Raft.ReportSnapshot((ulong)rng.Next(0, 5), rng.Next(2) == 0);
                return null;
        }
    }

    /// <summary>Like a host, sometimes snapshot the applied state and compact, so snapshot paths are reached.</summary>
    private static void MaybeCompact(TestNode node, Random rng)
    {
        var applied = node.Raft.AppliedIndex;
        if (rng.Next(10) == 0 && applied >= node.Storage.FirstIndex && applied <= node.Storage.LastIndex)
        {
            node.Storage.CreateSnapshot(applied, new byte[] { 1 });
            node.Storage.Compact(applied);
        }
    }

    private static TestNode Start(StateRole role, Func<RaftConfig, RaftConfig> configure)
    {
        switch (role)
        {
            case StateRole.Follower:
                return Nodes.FollowerOf2(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], configure);
            case StateRole.PreCandidate:
                var pre = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], c => configure(c) with { PreVote = true });
                pre.Raft.Campaign();
                pre.Process();
                return pre;
            case StateRole.Candidate:
                var candidate = Nodes.Follower(term: 3, commit: 2, entryTerms: [1, 1, 2, 3], c => configure(c) with { PreVote = false });
                candidate.Raft.Campaign();
                candidate.Process();
                return candidate;
            default:
                var leader = Nodes.LeaderReplicatingTo2(configure);
                leader.Raft.Propose("a"u8.ToArray());
                leader.Raft.Propose("b"u8.ToArray());
                leader.Process();
                return leader;
        }
    }
}
