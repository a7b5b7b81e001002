using Wiber.Lab.Tests;
using Wiber.Lab.Topology;

namespace Wiber.Scenarios.Tests;

/// <summary>The scenarios with nodes as processes.</summary>
[Collection(ScenarioCollection.Name)]
public sealed class ProcessScenarios : Scenarios
{
    protected override string Backend => "process";
}

/// <summary>The same scenarios with nodes and proxy as Docker containers (skipped, visibly, without Docker).</summary>
[Collection(ScenarioCollection.Name)]
public sealed class DockerScenarios : Scenarios
{
    protected override string Backend => "docker";
}

/// <summary>
/// End-to-end safety and liveness on real nodes behind the lab's Toxiproxy. Each scenario's nemesis runs for
/// 5 s of a 9 s workload; everything is then healed and the checker decides.
/// </summary>
public abstract class Scenarios
{
    protected abstract string Backend { get; }

    private Task<Wiber.Checker.CheckResult> RunAsync(string name, Nemesis nemesis, int nodes = 3) => ScenarioRunner.RunAsync(Backend, name, nemesis, nodes);

    [Fact]
    public Task LeaderKillLoop() => RunAsync("leader-kill-loop", async (lab, ct) =>
    {
        while (true)
        {
            var leader = await ScenarioRunner.LeaderAsync(lab);
            await lab.Controller.NodeAsync("kill", leader, ct);
            await ScenarioRunner.PauseAsync(1.0, ct);
            await lab.Controller.NodeAsync("start", leader, ct);
            await ScenarioRunner.PauseAsync(0.5, ct);
        }
    });

    [Fact]
    public Task MinorityPartition() => RunAsync("minority-partition", async (lab, ct) =>
    {
        var leader = await ScenarioRunner.LeaderAsync(lab);
        var follower = lab.State.Nodes.First(n => n.Id != leader).Id;
        await lab.Controller.PartitionAsync([follower], oneWay: false, reset: false, ct);
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task LeaderIsolated() => RunAsync("leader-isolated", async (lab, ct) =>
    {
        await lab.Controller.PartitionAsync([await ScenarioRunner.LeaderAsync(lab)], oneWay: false, reset: false, ct);
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task MajoritiesRing() => RunAsync("majorities-ring", async (lab, ct) =>
    {
        // Five nodes in a ring: each hears only its two neighbours, so every node is in a majority of three
        // with its neighbours, and no two majorities are the same (Jepsen's majorities-ring).
        var ids = lab.State.Nodes.Select(n => n.Id).ToList();
        var cuts = ProxyNames.AllLinks(ids).Where(l =>
        {
            var distance = Math.Abs(ids.IndexOf(l.From) - ids.IndexOf(l.To));
            return distance is not (1 or 4);
        }).ToList();
        await lab.Controller.CutLinksAsync(cuts, "ring " + string.Join('-', ids), ct);
        await ScenarioRunner.PauseAsync(60, ct);
    }, nodes: 5);

    [Fact]
    public Task Bridge() => RunAsync("bridge", async (lab, ct) =>
    {
        // Two halves that cannot hear each other, and one node (n3) that hears both (Jepsen's bridge).
        var left = new[] { "n1", "n2" };
        var right = new[] { "n4", "n5" };
        var cuts = (from a in left from b in right select new Link(a, b)).Concat(from a in right from b in left select new Link(a, b)).ToList();
        await lab.Controller.CutLinksAsync(cuts, "bridge n1,n2 | n3 | n4,n5", ct);
        await ScenarioRunner.PauseAsync(60, ct);
    }, nodes: 5);

    [Fact]
    public Task OneWayPartition() => RunAsync("one-way", async (lab, ct) =>
    {
        // The leader can no longer send to anybody, but hears everybody.
        await lab.Controller.PartitionAsync([await ScenarioRunner.LeaderAsync(lab)], oneWay: true, reset: false, ct);
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task SlowAndFlakyLinks() => RunAsync("slow-and-flaky", async (lab, ct) =>
    {
        var leader = await ScenarioRunner.LeaderAsync(lab);
        await lab.Controller.SlowAsync(leader, TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(40), null, ct);
        var other = lab.State.Nodes.First(n => n.Id != leader).Id;
        await lab.Controller.FlakyAsync(other, "reset", 0.3, null, ct);
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task PauseTheLeader() => RunAsync("pause-leader", async (lab, ct) =>
    {
        var leader = await ScenarioRunner.LeaderAsync(lab);
        await lab.Controller.NodeAsync("pause", leader, ct);
        await ScenarioRunner.PauseAsync(2.5, ct);
        await lab.Controller.NodeAsync("resume", leader, ct);
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task ClockSkew() => RunAsync("clock-skew", async (lab, ct) =>
    {
        var leader = await ScenarioRunner.LeaderAsync(lab);
        var other = lab.State.Nodes.First(n => n.Id != leader).Id;
        await lab.Controller.SkewAsync(other, TimeSpan.FromSeconds(3), ct);
        await lab.Controller.SkewAsync(leader, TimeSpan.FromSeconds(-2), ct);
        await ScenarioRunner.PauseAsync(1, ct);
        await lab.Controller.NodeAsync("kill", leader, ct);   // the skewed-ahead node may now lead: order must still hold
        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Fact]
    public Task RollingRestarts() => RunAsync("rolling-restarts", async (lab, ct) =>
    {
        foreach (var node in lab.State.Nodes.Select(n => n.Id).ToList())
        {
            await lab.Controller.NodeAsync("restart", node, ct);
            await lab.WaitForLeaderAsync();
        }

        await ScenarioRunner.PauseAsync(60, ct);
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public Task RandomNemesis(int seed) => RunAsync($"random-{seed}", async (lab, ct) =>
    {
        // Seeded: the same seed replays the same choices (timing on a real machine still varies).
        var random = new Random(seed);
        var ids = lab.State.Nodes.Select(n => n.Id).ToList();
        while (true)
        {
            var node = ids[random.Next(ids.Count)];
            try
            {
                switch (random.Next(6))
                {
                    case 0: await lab.Controller.NodeAsync("kill", node, ct); break;
                    case 1: await lab.Controller.NodeAsync("pause", node, ct); break;
                    case 2: await lab.Controller.PartitionAsync([node], oneWay: random.Next(2) == 0, reset: false, ct); break;
                    case 3: await lab.Controller.SlowAsync(node, TimeSpan.FromMilliseconds(random.Next(20, 120)), null, null, ct); break;
                    case 4: await lab.Controller.FlakyAsync(node, "reset", 0.5, null, ct); break;
                    default: await lab.Controller.SkewAsync(node, TimeSpan.FromMilliseconds(random.Next(-1500, 1500)), ct); break;
                }
            }
            catch (Wiber.Lab.State.LabException ex) when (ex.Kind == Wiber.Lab.State.LabErrorKind.Usage)
            {
                // A choice that does not apply right now (pause or skew a killed node): pick again.
            }

            await ScenarioRunner.PauseAsync(0.8, ct);

            // Undo faults regularly so a majority keeps coming back (the heal is part of the test).
            if (random.Next(2) == 0)
            {
                await lab.Controller.HealAsync(ct);
                foreach (var n in lab.State.Nodes)
                {
                    if (n.State == "paused")
                    {
                        await lab.Controller.NodeAsync("resume", n.Id, ct);
                    }
                    else if (n.State == "killed")
                    {
                        await lab.Controller.NodeAsync("start", n.Id, ct);
                    }
                }
            }
        }
    });
}

[CollectionDefinition(Name)]
public sealed class ScenarioCollection
{
    /// <summary>Scenarios run one at a time: each needs the machine's two cores for itself.</summary>
    public const string Name = "scenarios";
}
