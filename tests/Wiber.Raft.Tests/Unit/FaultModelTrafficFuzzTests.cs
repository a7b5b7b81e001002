using System.Diagnostics;
using Wiber.Raft.Tests.Unit.Support;

namespace Wiber.Raft.Tests.Unit;

/// <summary>
/// A running 3-node cluster is fed its own traffic back — exact copies (duplicated, reordered), copies from
/// strangers, from the addressee itself, in term 0, in a stale or an inflated term, with broken entries, or
/// misrouted — while real traffic is delivered out of order or dropped. Everything Raft must tolerate or
/// refuse: no step may throw, junk must change nothing, and once healed the cluster must still elect a
/// single leader and commit.
/// </summary>
public sealed class FaultModelTrafficFuzzTests(ITestOutputHelper output)
{
    private const int Seeds = 40;
    private const int StepsPerSeed = 800;

    [Fact]
    public void Disturbed_traffic_never_throws_and_the_healed_cluster_still_commits()
    {
        var watch = Stopwatch.StartNew();
        var stepped = 0;
        var maxHealTicks = 0;
        var failures = new List<string>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            try
            {
                var (messages, healTicks) = RunSeed(seed);
                stepped += messages;
                maxHealTicks = Math.Max(maxHealTicks, healTicks);
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.Message}");
            }
        }
        output.WriteLine($"{Seeds} seeds, {stepped} hostile messages stepped, slowest recovery {maxHealTicks} ticks, {watch.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(stepped >= Seeds * StepsPerSeed / 3, $"only {stepped} messages stepped");
    }

    private static (int Stepped, int HealTicks) RunSeed(int seed)
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
                var real = ClusterFuzzing.RealMessage(cluster, rng);
                var target = real.To;
                var m = choice < 20 ? real : fuzzer.Disturb(real, cluster[target].Raft.Term);
                if (rng.Next(10) == 0)
                {
                    target = ClusterFuzzing.AnyNode(cluster, rng); // misrouted
                }
                ClusterFuzzing.StepChecked(cluster, m, target, context);
                stepped++;
            }
            else
            {
                ClusterFuzzing.Ordinary(cluster, rng, context);
            }
        }

        var healTicks = cluster.RunUntilCommitted(System.Text.Encoding.UTF8.GetBytes($"after fuzz {seed}"), maxTicks: 1_000);
        if (healTicks < 0)
        {
            throw new InvalidOperationException($"healed cluster did not commit: {cluster.Describe()}");
        }
        Assert.Single(cluster.Leaders);
        return (stepped, healTicks);
    }
}
