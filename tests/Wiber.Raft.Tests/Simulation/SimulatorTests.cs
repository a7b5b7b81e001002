using Wiber.Raft;
using Wiber.Simulator;

namespace Wiber.Raft.Tests.Simulation;

/// <summary>
/// The simulator over a fixed budget of seeds: zero violations for the real core, and each deliberately
/// broken core caught. WIBER_SIM_SEEDS raises the budget for longer runs.
/// </summary>
public sealed class SimulatorTests(ITestOutputHelper output)
{
    private static int Budget => int.TryParse(Environment.GetEnvironmentVariable("WIBER_SIM_SEEDS"), out var n) && n > 0 ? n : 2000;

    [Fact]
    public void Correct_core_has_no_violation_over_the_seed_budget()
    {
        var batch = SeedRunner.Run(1, Budget, new SimulationOptions());
        output.WriteLine($"seeds={batch.Seeds} ticks={batch.Ticks} committed={batch.Committed} reads={batch.ReadsServed} elapsed={batch.Elapsed.TotalSeconds:F1}s max_liveness_ticks={batch.MaxLivenessTicks}");
        var details = string.Join(Environment.NewLine, batch.Failures.Select(f =>
            $"seed {f.Seed} ({f.Mix}): {string.Join("; ", f.Violations)} — replay with --seed {f.Seed}"));
        Assert.True(batch.Violations == 0, $"{batch.Violations} seeds violated an invariant:{Environment.NewLine}{details}");
        // The liveness phase ran for every seed: each reported how long a commit took after healing.
        Assert.InRange(batch.MaxLivenessTicks, 0, new SimulationOptions().LivenessTicks);
        // The runs did real work: entries committed and linearizable reads served under faults.
        Assert.True(batch.Committed > batch.Seeds * 50L, $"only {batch.Committed} entries committed");
        Assert.True(batch.ReadsServed > batch.Seeds * 10L, $"only {batch.ReadsServed} reads served");
    }

    [Theory]
    [InlineData(RaftFaults.CommitPreviousTermByCounting)]
    [InlineData(RaftFaults.GrantSecondVoteInTerm)]
    [InlineData(RaftFaults.SendVoteBeforePersisting)]
    [InlineData(RaftFaults.TruncateAcknowledgedEntries)]
    [InlineData(RaftFaults.ServeReadsWithoutConfirmation)]
    public void Deliberately_broken_core_is_caught_within_the_budget(RaftFaults bug)
    {
        var batch = SeedRunner.Run(1, Budget, new SimulationOptions { Bugs = bug });
        output.WriteLine($"{bug}: {batch.Violations} of {batch.Seeds} seeds caught it; first seed {batch.FirstFailingSeed}");
        foreach (var failure in batch.Failures)
        {
            output.WriteLine($"  seed {failure.Seed}: {failure.Violations[0]}");
        }
        Assert.NotNull(batch.FirstFailingSeed);
    }

    [Fact]
    public void Correct_core_with_async_storage_writes_has_no_violation_over_the_seed_budget()
    {
        // The broker's host mode: leaders replicate while their own fsync runs, followers hold acknowledgements.
        var batch = SeedRunner.Run(1, Budget, new SimulationOptions { AsyncWrites = true });
        output.WriteLine($"seeds={batch.Seeds} ticks={batch.Ticks} committed={batch.Committed} reads={batch.ReadsServed} elapsed={batch.Elapsed.TotalSeconds:F1}s max_liveness_ticks={batch.MaxLivenessTicks}");
        var details = string.Join(Environment.NewLine, batch.Failures.Select(f =>
            $"seed {f.Seed} ({f.Mix}): {string.Join("; ", f.Violations)} — replay with --seed {f.Seed} --async-writes"));
        Assert.True(batch.Violations == 0, $"{batch.Violations} seeds violated an invariant:{Environment.NewLine}{details}");
        Assert.InRange(batch.MaxLivenessTicks, 0, new SimulationOptions().LivenessTicks);
        Assert.True(batch.Committed > batch.Seeds * 50L, $"only {batch.Committed} entries committed");
    }

    [Fact]
    public void A_leader_counting_its_unsynced_entries_is_caught_with_async_storage_writes()
    {
        // Without the durability report gating the leader's own vote, an entry commits on one follower and
        // the leader's page cache; a leader crash then loses an acknowledged entry.
        var batch = SeedRunner.Run(1, Budget, new SimulationOptions { AsyncWrites = true, Bugs = RaftFaults.CountOwnEntriesBeforeDurable });
        output.WriteLine($"{batch.Violations} of {batch.Seeds} seeds caught it; first seed {batch.FirstFailingSeed}");
        foreach (var failure in batch.Failures)
        {
            output.WriteLine($"  seed {failure.Seed}: {failure.Violations[0]}");
        }
        Assert.NotNull(batch.FirstFailingSeed);
    }

    [Fact]
    public void A_seed_replays_exactly()
    {
        // Same seed, same faults, same schedule: the trace is identical line for line.
        var options = new SimulationOptions { Trace = true, SafetyTicks = 150 };
        var first = new Wiber.Simulator.Simulation(42, options).Run();
        var second = new Wiber.Simulator.Simulation(42, options).Run();
        Assert.NotEmpty(first.Trace);
        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.Committed, second.Committed);
    }

    [Fact]
    public void A_failing_seed_replays_to_the_same_violation()
    {
        var options = new SimulationOptions { Bugs = RaftFaults.GrantSecondVoteInTerm };
        var batch = SeedRunner.Run(1, 200, options);
        Assert.NotNull(batch.FirstFailingSeed);
        var replay = new Wiber.Simulator.Simulation(batch.FirstFailingSeed.Value, options with { Trace = true }).Run();
        Assert.Equal(batch.Failures[0].Violations, replay.Violations);
        Assert.NotEmpty(replay.Trace);
    }
}
