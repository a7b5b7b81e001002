using System.Diagnostics;
using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// The same cluster fed forgeries too: real messages with any field changed (acknowledged indexes, commit
/// indexes, entry terms, types, senders) and wholly random messages with made-up entries and snapshots.
/// Raft is not Byzantine-tolerant, so forged acknowledgements may leave a follower behind for good and the
/// cluster need not recover; but no step may throw, junk must still change nothing, every node's own
/// invariants must hold, and no forgery may start a message storm: with the network healed, traffic settles
/// between ticks.
/// </summary>
public sealed class ForgedTrafficFuzzTests(ITestOutputHelper output)
{
    private const int Seeds = 40;
    private const int StepsPerSeed = 800;
    private const int HealedTicks = 100;

    // Ordinary traffic in a tick is a few dozen messages; ten thousand without settling is a storm.
    private const int StormMessages = 10_000;

    [Fact]
    public void Forged_traffic_never_throws_nor_starts_a_message_storm()
    {
        var watch = Stopwatch.StartNew();
        var stepped = 0;
        var failures = new List<string>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            try
            {
                stepped += RunSeed(seed);
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.Message}");
            }
        }
        output.WriteLine($"{Seeds} seeds, {stepped} forged messages stepped, {failures.Count} failed, {watch.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(stepped >= Seeds * StepsPerSeed / 3, $"only {stepped} messages stepped");
    }

    private static int RunSeed(int seed)
    {
        var cluster = ClusterFuzzing.WarmedUp(seed);
        var rng = new Random(seed);
        var fuzzer = new MessageFuzzer(rng, cluster.Ids);
        var stepped = 0;
        for (var step = 0; step < StepsPerSeed; step++)
        {
            var context = $"seed {seed} step {step}";
            var choice = rng.Next(100);
            if (choice < 50)
            {
                var anyNode = ClusterFuzzing.AnyNode(cluster, rng);
                var m = choice < 40 ? fuzzer.Mutate(ClusterFuzzing.RealMessage(cluster, rng)) : fuzzer.RandomMessage(cluster[anyNode].Raft);
                var target = cluster.Ids.Contains(m.To) && rng.Next(10) != 0 ? m.To : anyNode;
                ClusterFuzzing.StepChecked(cluster, m, target, context);
                stepped++;
            }
            else
            {
                ClusterFuzzing.Ordinary(cluster, rng, context);
            }
        }

        // Healed: every message is delivered, in order, each tick. DeliverAll throws if traffic never settles.
        for (var tick = 0; tick < HealedTicks; tick++)
        {
            cluster.TickAllAndDeliver(StormMessages);
        }
        return stepped;
    }
}
